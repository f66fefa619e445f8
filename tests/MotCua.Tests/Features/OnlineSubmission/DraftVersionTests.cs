using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Portal.Submission;
using MotCua.Web.Features.Catalog;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Features.OnlineSubmission;

/// <summary>A procedure published again while a draft waits: the dossier is received under the version in force,
/// so the draft moves to it and the citizen checks the new form before anything is submitted.</summary>
public sealed class DraftVersionTests(SubmissionApp app) : IClassFixture<SubmissionApp>
{
    private const string Republished = "9.100003";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_WhenANewVersionWasPublishedMeanwhile_MovesTheDraftToItAndSubmitsNothingUntilChecked()
    {
        var world = await app.ArrangeAsync();
        var since = new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            var procedure = new Procedure(Guid.NewGuid(), Republished);
            procedure.Publish(TestData.Residence() with { FormFields = SubmissionApp.Fields() }, since, "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync(Ct);
        });
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world, Republished);
        await PressAsync(citizen, draftId, "upload", FillEForm, (FileField("TK"), "a.pdf", Pdf), (FileField("CHO_O"), "b.pdf", Pdf));
        var newVersion = await app.WithDbAsync(async db =>
        {
            var procedure = await db.Procedures.Include(p => p.Versions).SingleAsync(p => p.Code == Republished, Ct);
            var version = procedure.Publish(TestData.Residence() with { FormFields = [.. SubmissionApp.Fields(), new EFormField("soNha", "Số nhà", EFormFieldType.Text, Required: true)] },
                app.Clock.GetUtcNow().UtcDateTime, "Quyết định sửa đổi");
            await db.SaveChangesAsync(Ct);
            return version.Id;
        });
        (await citizen.GetPageAsync(DraftUrl(draftId))).QuerySelector("[role=status]")!.TextContent.ShouldContain("phiên bản mới");

        var first = await PressAsync(citizen, draftId, "submit");
        var second = await PressAsync(citizen, draftId, "submit");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(first))!.ShouldContain("Thủ tục vừa được cập nhật");
        (await AlertAsync(second))!.ShouldContain("Số nhà: chưa nhập.");
        var draft = await app.WithDbAsync(db => db.DossierDrafts.AsNoTracking().SingleAsync(d => d.Id == draftId, Ct));
        draft.ProcedureVersionId.ShouldBe(newVersion);
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.SubmissionKey == draftId, Ct))).ShouldBe(0);

        var done = await PressAsync(citizen, draftId, "submit", f => f["Form[soNha]"] = "12");
        await ReceiptCodeAsync(done);
        (await app.WithDbAsync(db => db.Dossiers.SingleAsync(d => d.SubmissionKey == draftId, Ct))).ProcedureVersionId.ShouldBe(newVersion);
    }
}
