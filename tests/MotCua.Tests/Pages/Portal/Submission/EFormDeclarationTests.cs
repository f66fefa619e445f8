using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.OnlineSubmission;
using MotCua.Web.Infrastructure;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Pages.Portal.Submission;

/// <summary>A procedure whose declaration is made from the e-form online (<see cref="SubmissionApp.EFormIsTheDeclaration"/>):
/// the citizen types the e-form and uploads no paper declaration; the dossier still has the component, and the office
/// sees it as the e-form.</summary>
public sealed class EFormDeclarationTests(SubmissionApp app) : IClassFixture<SubmissionApp>
{
    private const string Declaration = "Tờ khai thay đổi thông tin cư trú (CT01)";
    private const string MadeFromEForm = "Được lập từ tờ khai điện tử ở mục 2 — không cần tải lên.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<DossierDraft> DraftAsync(Guid id) =>
        app.WithDbAsync(db => db.DossierDrafts.AsNoTracking().Include(d => d.Files).SingleAsync(d => d.Id == id, Ct));

    private static IElement ComponentOf(IHtmlDocument page, string name) =>
        page.QuerySelectorAll("fieldset.submission-component").Single(f => f.QuerySelector("legend")!.TextContent == name);

    [Fact]
    public async Task Draft_ShowsTheDeclarationAsMadeFromTheEForm_WithNoUploadAndNoDataStore()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        // A declaration in the citizen's store would be offered for an ordinary component; not for this one.
        await StoreDocumentAsync(TestData.CitizenIdNumber, "TK", "to-khai-cu.pdf");
        var draftId = await StartAsync(citizen, world, SubmissionApp.EFormIsTheDeclaration);

        var page = await citizen.GetPageAsync(DraftUrl(draftId));

        page.QuerySelectorAll("input[type=file]").Select(i => i.GetAttribute("name")).ShouldBe([FileField("CHO_O"), FileField("UQ")]);
        var declaration = ComponentOf(page, Declaration);
        declaration.QuerySelector(".submission-from-eform")!.TextContent.Trim().ShouldBe("Tờ khai điện tử " + MadeFromEForm);
        declaration.QuerySelector(".submission-from-eform a")!.GetAttribute("href").ShouldBe("#eform-heading");
        declaration.QuerySelector("input[type=file]").ShouldBeNull();
        declaration.QuerySelector(".submission-store").ShouldBeNull();
        declaration.TextContent.ShouldContain("Bắt buộc");
        declaration.TextContent.ShouldNotContain("Chưa có tệp nào.");
        page.GetElementById("eform-heading")!.ParentElement!.TextContent
            .ShouldContain($"Tờ khai điện tử này là thành phần \"{Declaration}\" của hồ sơ: không cần tải lên tờ khai giấy.");
        ComponentOf(page, "Giấy tờ chứng minh chỗ ở hợp pháp").QuerySelector("input[type=file]").ShouldNotBeNull();
    }

    [Fact]
    public async Task Submit_WithoutADeclarationUpload_MakesTheDossierWithTheDeclarationWhichTheOfficeSeesAsTheEForm()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world, SubmissionApp.EFormIsTheDeclaration);

        // Without the proof of residence the submission names only that; the declaration is not "missing".
        var refused = await PressAsync(citizen, draftId, "submit", FillEForm);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var problems = (await AlertAsync(refused))!;
        problems.ShouldContain("Chưa có tệp cho thành phần hồ sơ bắt buộc: Giấy tờ chứng minh chỗ ở hợp pháp.");
        problems.ShouldNotContain(Declaration);
        (await PressAsync(citizen, draftId, "upload", FillEForm, (FileField("CHO_O"), "hop-dong-thue-nha.pdf", Pdf))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = await ReceiptCodeAsync(await PressAsync(citizen, draftId, "submit"));

        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery().Include(d => d.Components).Include(d => d.Files)
            .SingleAsync(d => d.SubmissionKey == draftId, Ct));
        (dossier.Code, dossier.Status, dossier.Channel).ShouldBe((code, DossierStatus.Submitted, Channel.Online));
        dossier.Components.Select(c => c.RequirementCode).ShouldBe(["TK", "CHO_O"], ignoreOrder: true);
        var declaration = dossier.Components.Single(c => c.RequirementCode == "TK");
        (declaration.Name, declaration.Reused, declaration.FromCitizenStore).ShouldBe((Declaration, false, false));
        dossier.Files.ShouldNotContain(f => f.ComponentId == declaration.Id);
        dossier.Files.ShouldHaveSingleItem().FileName.ShouldBe("hop-dong-thue-nha.pdf");
        dossier.FormData.ShouldNotBeNull().ShouldContain("Về ở cùng gia đình");
        (await DraftAsync(draftId)).SubmittedDossierId.ShouldBe(dossier.Id);

        var receipt = await citizen.GetPageAsync($"/nop-ho-so/bien-nhan/{code}");
        receipt.QuerySelectorAll(".submission-files li").Single(li => li.TextContent.Contains(Declaration)).TextContent.ShouldContain("(tờ khai điện tử)");
        var mine = await citizen.GetPageAsync($"/ho-so-cua-toi/{code}");
        mine.QuerySelectorAll("section[aria-labelledby=components-heading] li").First(li => li.TextContent.Contains(Declaration))
            .TextContent.ShouldContain("Tờ khai điện tử: lập từ thông tin bạn khai");

        var desk = await OfficeClient.SignInAsync(app, "desk");
        var reception = await desk.GetPageAsync($"/office/reception/online/{dossier.Id}");
        var row = reception.QuerySelectorAll("#components ~ table tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains(Declaration));
        var cell = row.QuerySelectorAll("td")[^1];
        cell.TextContent.ShouldContain("Tờ khai điện tử");
        cell.TextContent.ShouldNotContain("chưa có tệp");
        cell.QuerySelector("a[href='#eform']").ShouldNotBeNull();
        reception.GetElementById("eform")!.ParentElement!.TextContent.ShouldContain($"Tờ khai điện tử này là thành phần \"{Declaration}\" của hồ sơ");

        var details = await desk.GetPageAsync($"/office/dossiers/{dossier.Id}");
        var eform = details.QuerySelectorAll("#eform-heading ~ dl dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent)).ToList();
        eform.ShouldContain(("Lý do đăng ký thường trú", "Về ở cùng gia đình"));
        var detailRow = details.QuerySelectorAll("#components-heading ~ div table tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains(Declaration));
        detailRow.TextContent.ShouldContain("Tờ khai điện tử");
        detailRow.TextContent.ShouldNotContain("Chưa có tệp");
        detailRow.QuerySelector("a[href='#eform-heading']").ShouldNotBeNull();
    }

    [Fact]
    public async Task UploadOrTakeFromTheStore_ForTheDeclaration_IsRefusedAndChangesNothing()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, SubmissionApp.OtherCitizenPhone);
        var document = await StoreDocumentAsync(SubmissionApp.OtherCitizenIdNumber, "TK", "to-khai-giay.pdf");
        var draftId = await StartAsync(citizen, world, SubmissionApp.EFormIsTheDeclaration);
        var storedBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct));

        // A request the page does not make (it has no such field), as a script or an old tab might send it.
        var uploaded = await PressAsync(citizen, draftId, "upload", f => f["Form[lyDo]"] = "Thử", (FileField("TK"), "to-khai.pdf", Pdf));
        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        var taken = await PostAsync(citizen, $"{DraftUrl(draftId)}?handler=reuse&component=TK&document={document}", FieldsOf(page));

        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(uploaded))!.ShouldContain($"\"{Declaration}\" {MadeFromEForm}");
        taken.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(taken))!.ShouldContain($"\"{Declaration}\" {MadeFromEForm}");
        var draft = await DraftAsync(draftId);
        draft.Files.ShouldBeEmpty();
        draft.FormData.ShouldNotContain("Thử", customMessage: "a refused save keeps nothing of the request");
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct))).ShouldBe(storedBefore);
    }

    /// <summary>A document in someone's data store filed for <paramref name="componentCode"/>; returns its id.</summary>
    private Task<Guid> StoreDocumentAsync(string ownerIdNumber, string componentCode, string fileName) =>
        app.WithDbAsync(async db =>
        {
            var store = app.Services.GetRequiredService<FileStore>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var file = await store.SaveAsync(new MemoryStream(Pdf), fileName, "application/pdf", now, Ct);
            db.StoredFiles.Add(file);
            var document = new CitizenDocument(ownerIdNumber, CitizenDocumentKind.Component, "Tờ khai thay đổi thông tin cư trú", componentCode,
                file.Id, file.FileName, null, "000.00.41.H98-261001-0002", null, null, null, now);
            db.CitizenDocuments.Add(document);
            await db.SaveChangesAsync(Ct);
            return document.Id;
        });
}
