using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Portal.Submission;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Infrastructure;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Features.OnlineSubmission;

/// <summary>Abandoned drafts do not keep citizens' papers for ever: the job queued with each draft deletes it, with
/// the files uploaded to it, once it has not been saved for the keeping period (60 days by default).</summary>
public sealed class PurgeAbandonedDraftTests(SubmissionApp app) : IClassFixture<SubmissionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Purge_DeletesDraftsNotSavedForTheKeepingPeriod_AndKeepsDraftsInUseSubmittedOnesAndStoreDocuments()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var storeDocument = await StoreDocumentAsync();
        var abandoned = await StartAsync(citizen, world);
        var page = await citizen.GetPageAsync(DraftUrl(abandoned));
        await PostAsync(citizen, ActionOf(page, "reuse", $"document={storeDocument.Id}"), FieldsOf(page));
        await PressAsync(citizen, abandoned, "upload", null, (FileField("TK"), "to-khai.pdf", Pdf));
        var uploaded = await app.WithDbAsync(db => db.DossierDrafts.Where(d => d.Id == abandoned).SelectMany(d => d.Files)
            .Where(f => f.FromDocumentId == null).Select(f => f.StoredFileId).SingleAsync(Ct));
        var inUse = await StartAsync(citizen, world);
        var submitted = await StartAsync(citizen, world);
        await PressAsync(citizen, submitted, "upload", FillEForm, (FileField("TK"), "a.pdf", Pdf), (FileField("CHO_O"), "b.pdf", Pdf));
        await ReceiptCodeAsync(await PressAsync(citizen, submitted, "submit"));

        app.Clock.Advance(TimeSpan.FromDays(30));
        // A month later the sign-in has long expired: the citizen signs in again to continue.
        citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        (await PressAsync(citizen, inUse, "save", f => f["Form[lyDo]"] = "Vẫn đang soạn")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        app.Clock.Advance(TimeSpan.FromDays(31));
        await app.RunJobsAsync();

        (await ExistsAsync(abandoned)).ShouldBeFalse();
        (await app.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == uploaded, Ct))).ShouldBeFalse("the uploaded file went with its draft");
        (await app.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == storeDocument.StoredFileId, Ct))).ShouldBeTrue("the data store's file stays");
        (await ExistsAsync(inUse)).ShouldBeTrue("saved 31 days ago");
        (await ExistsAsync(submitted)).ShouldBeTrue();

        app.Clock.Advance(TimeSpan.FromDays(30));
        await app.RunJobsAsync();

        (await ExistsAsync(inUse)).ShouldBeFalse("60 days after its last save");
        (await ExistsAsync(submitted)).ShouldBeTrue("a submitted draft lets a late retry find its dossier");
    }

    private Task<bool> ExistsAsync(Guid draftId) => app.WithDbAsync(db => db.DossierDrafts.AnyAsync(d => d.Id == draftId, Ct));

    private Task<CitizenDocument> StoreDocumentAsync() =>
        app.WithDbAsync(async db =>
        {
            // A document with no source dossier belongs to the store by ID number alone: only an account verified with
            // the national e-ID sees it (ADR 0013).
            await db.Citizens.Where(c => c.PersonalIdNumber == TestData.CitizenIdNumber)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.VerifiedWithElectronicIdentity, true), Ct);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var file = await app.Services.GetRequiredService<FileStore>().SaveAsync(new MemoryStream(Pdf), "hop-dong.pdf", "application/pdf", now, Ct);
            db.StoredFiles.Add(file);
            var document = new CitizenDocument(TestData.CitizenIdNumber, CitizenDocumentKind.Component, "Giấy tờ chứng minh chỗ ở hợp pháp", "CHO_O",
                file.Id, file.FileName, null, "000.00.41.H98-261001-0009", null, null, null, now);
            db.CitizenDocuments.Add(document);
            await db.SaveChangesAsync(Ct);
            return document;
        });
}
