using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Infrastructure;

/// <summary>The app with two extra addresses that throw the generic not-found and changed exceptions for a record
/// that is not a dossier, as the next aggregates (feedback, payments) will: the real pipeline answers them.</summary>
public sealed class ProblemAnswerApp : AppFactory
{
    public const string NotFoundText = "Không tìm thấy phản ánh, kiến nghị, hoặc phản ánh không thuộc đơn vị của bạn.";
    public const string ChangedText = "Phản ánh vừa được trả lời sau khi bạn mở. Vui lòng xem lại rồi thực hiện lại nếu vẫn cần.";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowingAddresses>());
    }

    /// <summary>After the app's own pipeline, so its exception handler is the one that answers.</summary>
    private sealed class ThrowingAddresses : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/api/test-problems/not-found", a => a.Run(_ => throw new NotFoundException(NotFoundText)));
            app.Map("/api/test-problems/changed", a => a.Run(_ => throw new ChangedException("Phản ánh", ChangedText)));
        };
    }
}

/// <summary>Not-found and changed are one pair of exceptions for any record, answered once by the exception handler as
/// ProblemDetails with Vietnamese words; a dossier's answers keep their texts.</summary>
public sealed class ProblemAnswerTests(ProblemAnswerApp app) : IClassFixture<ProblemAnswerApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
    }

    [Fact]
    public async Task NotFound_OfAnyRecord_Is404WithItsVietnameseDetail()
    {
        var problem = await ProblemAsync(await app.CreateClient().GetAsync("/api/test-problems/not-found", Ct), HttpStatusCode.NotFound);

        (problem.Status, problem.Title, problem.Detail).ShouldBe((404, "Không tìm thấy", ProblemAnswerApp.NotFoundText));
    }

    [Fact]
    public async Task Changed_OfAnyRecord_Is409NamingTheRecordInTheTitle()
    {
        var problem = await ProblemAsync(await app.CreateClient().PostAsync("/api/test-problems/changed", null, Ct), HttpStatusCode.Conflict);

        (problem.Status, problem.Title, problem.Detail).ShouldBe((409, "Phản ánh vừa được thay đổi", ProblemAnswerApp.ChangedText));
    }

    [Fact]
    public async Task Dossier_AbsentOrOnAStaleRevision_KeepsItsTexts()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var payment = new { amount = 20_000, method = "Desk", reference = "BL-0001", revision = 0 };

        var absent = await ProblemAsync(await desk.PostAsJsonAsync($"/api/dossiers/{Guid.NewGuid()}/payments", payment, Ct), HttpStatusCode.NotFound);
        (absent.Title, absent.Detail).ShouldBe(("Không tìm thấy", "Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn."));

        var received = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Vũ Thị Lan", idNumber = "079095007722" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        }, Ct);
        var id = (await received.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!.Id;
        var stale = await ProblemAsync(await desk.PostAsJsonAsync($"/api/dossiers/{id}/payments", payment, Ct), HttpStatusCode.Conflict);
        stale.Title.ShouldBe("Hồ sơ vừa được thay đổi");
        stale.Detail.ShouldStartWith("Hồ sơ vừa được cập nhật sau khi bạn mở: Cán bộ desk lúc ");
        stale.Detail.ShouldContain(": Tiếp nhận hồ sơ trực tiếp, hẹn trả ");
        stale.Detail.ShouldEndWith(". Vui lòng xem lại hồ sơ rồi thực hiện lại nếu vẫn cần.");
    }
}
