using System.Net;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages;

public sealed class HomePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Home_AnswersWithAVietnamesePage()
    {
        await app.SeedWorldAsync();
        var response = await app.CreateClient().GetAsync("/", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.ShouldContain("<html lang=\"vi\">");
        html.ShouldContain("Hệ thống thông tin giải quyết thủ tục hành chính");
        html.ShouldContain("Tỉnh Thử Nghiệm"); // text, not HTML entities
        html.ShouldContain("<div class=\"value\">2</div>thủ tục hành chính");
    }
}
