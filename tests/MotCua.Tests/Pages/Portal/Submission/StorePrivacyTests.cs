using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Pages.Portal.Submission;

/// <summary>Anyone can type another person's ID number when registering. Until VNeID verifies the account, the
/// papers filed under that number by the desk must not be offered, nor be taken, in that account's drafts.</summary>
public sealed class StorePrivacyTests(SubmissionApp app) : IClassFixture<SubmissionApp>
{
    private const string Victim = "079188004455";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Draft_OfAnUnverifiedAccountWithSomeoneElsesIdNumber_NeitherOffersNorTakesTheirPapers()
    {
        var world = await app.ArrangeAsync();
        // The desk digitized the real person's proof of residence (a desk dossier: no account).
        var document = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var file = await app.Services.GetRequiredService<FileStore>().SaveAsync(new MemoryStream(Pdf), "so-do-nha.pdf", "application/pdf", now, Ct);
            db.StoredFiles.Add(file);
            var doc = new CitizenDocument(Victim, CitizenDocumentKind.Component, "Giấy tờ chứng minh chỗ ở hợp pháp", "CHO_O", file.Id, file.FileName,
                null, "000.00.41.H98-261101-0003", null, null, null, now);
            db.CitizenDocuments.Add(doc);
            await db.SaveChangesAsync(Ct);
            return doc;
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.CreateAsync(new Citizen
            {
                Id = Guid.NewGuid(), UserName = Victim, PersonalIdNumber = Victim, FullName = "Người Mạo Danh", PhoneNumber = "0966000455",
            }, TestData.Password)).Succeeded.ShouldBeTrue();
        }
        var impostor = await OfficeClient.SignInCitizenAsync(app, "0966000455");
        var draftId = await StartAsync(impostor, world);

        var page = await impostor.GetPageAsync(DraftUrl(draftId));
        page.QuerySelectorAll(".submission-store li").ShouldBeEmpty();
        page.DocumentElement.TextContent.ShouldNotContain("so-do-nha.pdf");
        // Posting the document's id anyway (it could be guessed or leaked) finds nothing.
        var response = await PostAsync(impostor, $"{DraftUrl(draftId)}?handler=reuse&component=CHO_O&document={document.Id}", FieldsOf(page));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "the draft page again, with the problem");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Không tìm thấy giấy tờ này trong kho dữ liệu của bạn.");
        (await app.WithDbAsync(db => db.DossierDrafts.Where(d => d.Id == draftId).SelectMany(d => d.Files).CountAsync(Ct))).ShouldBe(0);

        // Once VNeID has verified the account, the number is theirs: the paper is offered.
        await app.WithDbAsync(db => db.Citizens.Where(c => c.PersonalIdNumber == Victim)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.VerifiedWithElectronicIdentity, true), Ct));
        (await impostor.GetPageAsync(DraftUrl(draftId))).QuerySelectorAll(".submission-store li").Count.ShouldBe(1);
    }
}
