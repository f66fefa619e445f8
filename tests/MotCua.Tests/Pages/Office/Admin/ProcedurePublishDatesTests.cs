using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using static MotCua.Tests.Pages.Office.Admin.AdminForms;

namespace MotCua.Tests.Pages.Office.Admin;

/// <summary>The publish form's three dates of 766 indicators 1.1 and 1.2 (decision, legal basis in force, disclosed in the
/// national database): shown from the current version, saved into the new version's content, checked.</summary>
public sealed class ProcedurePublishDatesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Residence = "1.004222";
    private const string PublishPage = $"/office/admin/procedures/{Residence}/publish";

    private Task<MotCua.Web.Features.Catalog.ProcedureContent> CurrentAsync() =>
        app.WithDbAsync(db => db.Procedures.Where(p => p.Code == Residence)
            .Join(db.ProcedureVersions, p => p.CurrentVersionId, v => v.Id, (p, v) => v.Content).SingleAsync());

    [Fact]
    public async Task PublishForm_SavesTheThreeDates_AndShowsThemForTheNextVersion()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var response = await admin.SubmitAsync(PublishPage, "main form", new()
        {
            ["Input.Decision"] = V("Quyết định số 2002/QĐ-UBND"),
            ["Input.EffectiveDate"] = V("2026-11-17"),
            ["Input.DecisionDate"] = V("2026-06-10"),
            ["Input.LegalBasisEffectiveDate"] = V("2026-07-01"),
            ["Input.NationalDatabaseDisclosedDate"] = V("2026-06-15"),
        });

        (await admin.PageAfterAsync(response)).ErrorText().ShouldBeNull();
        var content = await CurrentAsync();
        (content.DecisionDate, content.LegalBasisEffectiveDate, content.NationalDatabaseDisclosedDate)
            .ShouldBe((new DateOnly(2026, 6, 10), new DateOnly(2026, 7, 1), new DateOnly(2026, 6, 15)));
        // The form for the next version starts from them.
        var page = await admin.GetPageAsync(PublishPage);
        (page.QuerySelector("#decision-date")!.GetAttribute("value"), page.QuerySelector("#legal-basis-date")!.GetAttribute("value"),
            page.QuerySelector("#disclosed-date")!.GetAttribute("value")).ShouldBe(("2026-06-10", "2026-07-01", "2026-06-15"));
    }

    [Fact]
    public async Task PublishForm_WithDisclosureBeforeTheDecision_IsRefused_AndPublishesNothing()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var before = await app.WithDbAsync(db => db.ProcedureVersions.CountAsync());

        var response = await admin.SubmitAsync(PublishPage, "main form", new()
        {
            ["Input.Decision"] = V("Quyết định số 2003/QĐ-UBND"),
            ["Input.EffectiveDate"] = V("2026-11-17"),
            ["Input.DecisionDate"] = V("2026-06-10"),
            ["Input.NationalDatabaseDisclosedDate"] = V("2026-06-01"),
        });

        (await admin.PageAfterAsync(response)).ErrorText().ShouldBe("Ngày công khai trên Cơ sở dữ liệu quốc gia không thể trước ngày ký quyết định công bố.");
        (await app.WithDbAsync(db => db.ProcedureVersions.CountAsync())).ShouldBe(before);
    }
}
