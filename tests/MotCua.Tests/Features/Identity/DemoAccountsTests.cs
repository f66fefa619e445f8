using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.DemoData;
using MotCua.Web.Features.Identity;

namespace MotCua.Tests.Features.Identity;

public sealed class DemoAccountsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SeedDemo_CreatesACommunityDigitalTeamMember_WhoSignsInAtThePortal_AndPrintsIt()
    {
        var report = await app.WithServiceAsync<DemoDataGenerator, string>(g => g.SeedAsync(new DemoOptions { Dossiers = 0 }, TestContext.Current.CancellationToken));

        report.ShouldContain("tocongnghe");
        DemoDataGenerator.AccountsText.ShouldContain("tocongnghe");
        var member = await app.WithDbAsync(db => db.Citizens.AsNoTracking().SingleAsync(c => c.UserName == "tocongnghe", TestContext.Current.CancellationToken));
        var roles = await app.WithDbAsync(db => (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where ur.UserId == member.Id
            select r.Name).ToListAsync(TestContext.Current.CancellationToken));
        roles.ShouldBe([IdentitySetup.CommunityDigitalTeamRole]);
        var client = await OfficeClient.SignInCitizenAsync(app, "tocongnghe", "MotCua@2026");
        (await client.GetPageAsync("/")).QuerySelector("nav.portal-nav")!.TextContent.ShouldContain(member.FullName);
    }
}
