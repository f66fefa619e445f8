using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.OnlineSubmission;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Pages.Portal.Submission;

/// <summary>The guided online submission through HTTP as a citizen uses it: start, fill the e-form, upload, submit,
/// read the receipt. Each test checks the page's answer and what was persisted.</summary>
public sealed class OnlineSubmissionPageTests(SubmissionApp app) : IClassFixture<SubmissionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<DossierDraft> DraftAsync(Guid id) =>
        app.WithDbAsync(db => db.DossierDrafts.AsNoTracking().Include(d => d.Files).SingleAsync(d => d.Id == id, Ct));

    private Task<List<Dossier>> DossiersOfAsync(Guid draftId) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.Components).Include(d => d.Files).Include(d => d.History)
            .Where(d => d.SubmissionKey == draftId).ToListAsync(Ct));

    private Task<int> StoredFileCountAsync() => app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct));

    private int BytesOnDisk()
    {
        var root = Path.Combine(app.Database.DataDirectory, "files");
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count() : 0;
    }

    /// <summary>A draft with the e-form filled and a file for both required components, saved.</summary>
    private static async Task<Guid> CompleteDraftAsync(OfficeClient citizen, TestData.World world)
    {
        var draftId = await StartAsync(citizen, world);
        var saved = await PressAsync(citizen, draftId, "upload", FillEForm,
            (FileField("TK"), "to-khai-ct01.pdf", Pdf), (FileField("CHO_O"), "hop-dong-thue-nha.pdf", Pdf));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await AlertAsync(saved));
        return draftId;
    }

    [Fact]
    public async Task Start_AsAVisitor_SendsToTheSignInPageAndBack()
    {
        await app.ArrangeAsync();
        var visitor = await OfficeClient.AnonymousAsync(app);

        var response = await visitor.Http.GetAsync($"/nop-ho-so/{SubmissionApp.WithEForm}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/dang-nhap?ReturnUrl=%2Fnop-ho-so%2F{SubmissionApp.WithEForm}");
    }

    [Fact]
    public async Task Start_ListsTheCompetentPlaces_AndCreatesADraftForTheAccountsOwnerReceivedByTheWardsDesk()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);

        var page = await citizen.GetPageAsync($"/nop-ho-so/{SubmissionApp.WithEForm}");

        page.QuerySelector("h1")!.TextContent.ShouldBe("Nộp hồ sơ trực tuyến");
        page.QuerySelector(".submission-procedure")!.TextContent.ShouldContain("Đăng ký thường trú (khai trực tuyến)");
        page.QuerySelectorAll("#place option").Select(o => o.TextContent).ShouldBe(["— Chọn nơi nộp —", "Phường Một", "Xã Hai"]);
        page.QuerySelector("label[for=place]")!.TextContent.ShouldBe("Nơi nộp hồ sơ");
        page.QuerySelector("input[name=OnBehalfOfAnother]").ShouldBeNull("only the community digital team submits for others");

        var draftId = await StartAsync(citizen, world);
        var draft = await DraftAsync(draftId);
        (draft.AccountId, draft.Assisted, draft.ReceivingUnitId, draft.ProcedureCode).ShouldBe((world.CitizenId, false, world.DeskId, SubmissionApp.WithEForm));
        (draft.ApplicantName, draft.ApplicantIdNumber, draft.ApplicantPhone, draft.ApplicantEmail)
            .ShouldBe((TestData.CitizenName, TestData.CitizenIdNumber, TestData.CitizenPhone, TestData.CitizenEmail));
        draft.SubmittedDossierId.ShouldBeNull();

        // A commune without a desk of its own receives the dossier itself.
        var response = await citizen.PostFormAsync($"/nop-ho-so/{SubmissionApp.WithEForm}", $"/nop-ho-so/{SubmissionApp.WithEForm}",
            new() { ["PlaceId"] = world.OtherCommuneId.ToString() });
        var other = await DraftAsync(Guid.Parse(response.Headers.Location!.ToString()["/nop-ho-so/nhap/".Length..]));
        other.ReceivingUnitId.ShouldBe(world.OtherCommuneId);
    }

    [Fact]
    public async Task Start_OfAProcedureWithoutOnlineService_SaysSoAndCreatesNoDraft()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var url = $"/nop-ho-so/{SubmissionApp.DeskOnly}";

        var page = await citizen.GetPageAsync(url);
        var response = await citizen.PostFormAsync(url, url, new() { ["PlaceId"] = world.CommuneId.ToString() });

        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Thủ tục này chưa cung cấp dịch vụ công trực tuyến");
        page.QuerySelector("#place").ShouldBeNull();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(response))!.ShouldContain("chưa cung cấp dịch vụ công trực tuyến");
        (await app.WithDbAsync(db => db.DossierDrafts.CountAsync(d => d.ProcedureCode == SubmissionApp.DeskOnly, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Submit_AfterFillingAndUploading_CreatesTheDossierTheWardsDeskSees()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);

        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        page.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldBe(["1. Người nộp hồ sơ", "2. Tờ khai", "3. Thành phần hồ sơ", "4. Phí, lệ phí"]);
        page.QuerySelector<IHtmlInputElement>("input[name='Form[ngayChuyenDen]']")!.Type.ShouldBe("date");
        page.QuerySelector<IHtmlInputElement>("input[name='Form[chuHoDongY]']")!.Type.ShouldBe("checkbox");
        page.QuerySelectorAll("select[name='Form[quanHe]'] option").Select(o => o.TextContent).ShouldBe(["— Chọn —", "Con", "Vợ", "Chồng", "Người thuê nhà"]);
        page.QuerySelector("label[for=f-0]")!.ClassList.ShouldContain("required");
        page.QuerySelector("#f-7-hint")!.TextContent.ShouldBe("Thông tin khác cần báo cho cơ quan đăng ký cư trú");
        page.QuerySelectorAll("input[type=file][multiple]").Select(i => i.GetAttribute("name")).ShouldBe([FileField("TK"), FileField("CHO_O"), FileField("UQ")]);
        page.QuerySelector(".submission-total")!.TextContent.ShouldBe("10.000 ₫");

        var uploaded = await PressAsync(citizen, draftId, "upload", FillEForm,
            (FileField("TK"), "to-khai-ct01.pdf", Pdf), (FileField("CHO_O"), "hop-dong-thue-nha.pdf", Pdf));
        uploaded.Headers.Location!.ToString().ShouldBe($"{DraftUrl(draftId)}?done=uploaded");
        var submitted = await PressAsync(citizen, draftId, "submit");

        var code = await ReceiptCodeAsync(submitted);
        var dossier = (await DossiersOfAsync(draftId)).ShouldHaveSingleItem();
        var draft = await DraftAsync(draftId);
        (dossier.Code, dossier.Status, dossier.Channel, dossier.ReceivingUnitId).ShouldBe((code, DossierStatus.Submitted, Channel.Online, world.DeskId));
        (dossier.CitizenAccountId, dossier.AssistedById, dossier.SubmissionKey).ShouldBe((world.CitizenId, null, draftId));
        (dossier.Applicant.FullName, dossier.Applicant.IdNumber, dossier.Applicant.Phone).ShouldBe((TestData.CitizenName, TestData.CitizenIdNumber, TestData.CitizenPhone));
        dossier.Summary.ShouldBe("Đăng ký thường trú (khai trực tuyến): Về ở cùng gia đình");
        dossier.FeesOwed.ShouldBe(10_000);
        using (var form = JsonDocument.Parse(dossier.FormData!))
        {
            var root = form.RootElement;
            root.GetProperty("lyDo").GetString().ShouldBe("Về ở cùng gia đình");
            root.GetProperty("ngayChuyenDen").GetString().ShouldBe("2026-11-01");
            root.GetProperty("dienThoaiChuHo").GetString().ShouldBe("0912345678");
            root.GetProperty("quanHe").GetString().ShouldBe("Con");
            root.GetProperty("chuHoDongY").GetBoolean().ShouldBeTrue();
        }
        dossier.Components.Select(c => c.RequirementCode).ShouldBe(["TK", "CHO_O"], ignoreOrder: true);
        foreach (var component in dossier.Components)
            dossier.Files.Single(f => f.ComponentId == component.Id).StoredFileId.ShouldBe(draft.Files.Single(f => f.ComponentCode == component.RequirementCode).StoredFileId);
        var submit = dossier.History.OrderBy(h => h.Sequence).First();
        (submit.Kind.ToString(), submit.ActorId, submit.ActorName, submit.ActorRole).ShouldBe(("Submit", (Guid?)world.CitizenId, TestData.CitizenName, "Người nộp hồ sơ"));
        draft.SubmittedDossierId.ShouldBe(dossier.Id);
        // The uploaded papers are now in the applicant's data store, for the next procedure.
        var storeFiles = await app.WithDbAsync(db => db.CitizenDocuments.Where(d => d.SourceDossierId == dossier.Id).Select(d => d.StoredFileId).ToListAsync(Ct));
        storeFiles.ShouldBe(draft.Files.Select(f => f.StoredFileId), ignoreOrder: true);

        var receipt = await citizen.GetPageAsync($"/nop-ho-so/bien-nhan/{code}");
        receipt.QuerySelector("h1")!.TextContent.ShouldBe("Nộp hồ sơ thành công");
        receipt.QuerySelector(".submission-code")!.TextContent.ShouldBe(code);
        receipt.QuerySelector(".submission-lookup")!.TextContent.ShouldBe(dossier.LookupCode);
        var facts = receipt.QuerySelector("dl.facts")!.TextContent;
        facts.ShouldContain("Mới đăng ký, chờ tiếp nhận");
        facts.ShouldContain("Trung tâm Phục vụ hành chính công phường Một");
        facts.ShouldContain("10.000 ₫");
        facts.ShouldContain("09:00 17/11/2026");
        receipt.QuerySelector("ol")!.TextContent.ShouldContain("trong vòng 8 giờ làm việc");
        receipt.QuerySelector($"a[href='/ho-so-cua-toi/{code}']").ShouldNotBeNull();
        receipt.QuerySelector($"a[href='/tra-cuu?ma={Uri.EscapeDataString(code)}&khoa={dossier.LookupCode}']").ShouldNotBeNull();

        var desk = await OfficeClient.SignInAsync(app, "desk");
        var awaiting = await desk.GetPageAsync($"/office/dossiers?list=AwaitingReception&q={Uri.EscapeDataString(code)}");
        awaiting.QuerySelector($"a[href='/office/dossiers/{dossier.Id}']").ShouldNotBeNull("the ward's desk lists the submission for reception");
    }

    [Fact]
    public async Task Submit_WithAWrongEForm_ListsEveryProblemInVietnameseBesideItsFieldAndSubmitsNothing()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);

        var response = await PressAsync(citizen, draftId, "submit", fields =>
        {
            FillEForm(fields);
            fields["Form[lyDo]"] = "";
            fields["Form[ngayChuyenDen]"] = "31/02/2026";
            fields["Form[soNguoi]"] = "bốn";
            fields["Form[cccdChuHo]"] = "12345";
            fields["Form[dienThoaiChuHo]"] = "12345";
            fields["Form[thuChuHo]"] = "khong-phai-thu";
            fields["Form[quanHe]"] = "Hàng xóm";
            fields["Form[ghiChu]"] = new string('x', 501);
            fields.Remove("Form[chuHoDongY]");
        }, (FileField("TK"), "to-khai.pdf", Pdf), (FileField("CHO_O"), "cho-o.pdf", Pdf));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        var alert = page.QuerySelector("[role=alert]")!.TextContent;
        alert.ShouldContain("Hồ sơ chưa được nộp.");
        foreach (var expected in new[]
                 {
                     "Lý do đăng ký thường trú: chưa nhập.",
                     "Ngày chuyển đến: ngày không hợp lệ; nhập theo dạng ngày/tháng/năm",
                     "Số người trong hộ: phải là một số",
                     "Số định danh cá nhân của chủ hộ: số định danh cá nhân phải gồm đúng 12 chữ số.",
                     "Số điện thoại của chủ hộ: số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0).",
                     "Thư điện tử của chủ hộ: địa chỉ thư điện tử không hợp lệ",
                     "Quan hệ với chủ hộ: hãy chọn một giá trị trong danh sách.",
                     "Ghi chú: tối đa 500 ký tự (đang có 501).",
                     "Chủ hộ đồng ý cho đăng ký: cần đánh dấu ô này.",
                 })
            alert.ShouldContain(expected);
        alert.ShouldNotContain("thành phần hồ sơ bắt buộc");
        page.QuerySelector("#f-0-error")!.TextContent.ShouldBe("Lý do đăng ký thường trú: chưa nhập.");
        page.QuerySelector("#f-0")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelector("#f-0")!.GetAttribute("aria-describedby").ShouldBe("f-0-error");
        page.QuerySelector<IHtmlInputElement>("#f-2")!.Value.ShouldBe("bốn", "what was typed is shown again");
        (await DossiersOfAsync(draftId)).ShouldBeEmpty();
        var draft = await DraftAsync(draftId);
        draft.SubmittedDossierId.ShouldBeNull();
        draft.Files.Count.ShouldBe(2, "the files chosen with the submit are kept in the draft");
    }

    [Fact]
    public async Task Submit_WithoutTheRequiredComponents_NamesEveryMissingOneAtOnce()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);

        var response = await PressAsync(citizen, draftId, "submit", FillEForm);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var alert = (await AlertAsync(response))!;
        alert.ShouldContain("Chưa có tệp cho thành phần hồ sơ bắt buộc: Tờ khai thay đổi thông tin cư trú (CT01); Giấy tờ chứng minh chỗ ở hợp pháp.");
        alert.ShouldNotContain("Văn bản ủy quyền");
        (await DossiersOfAsync(draftId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Upload_OfAFileOverTheLimit_IsRefusedByNameAndTheDraftStaysAsItWas()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);
        (await PressAsync(citizen, draftId, "upload", f => f["Form[lyDo]"] = "Lần đầu", (FileField("TK"), "to-khai.pdf", Pdf))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (rows, bytes, before) = (await StoredFileCountAsync(), BytesOnDisk(), await DraftAsync(draftId));
        var big = new byte[SubmissionApp.MaxFileBytes + SubmissionApp.MaxFileBytes / 2];
        Pdf.CopyTo(big, 0);

        var response = await PressAsync(citizen, draftId, "upload", f => f["Form[lyDo]"] = "Lần hai",
            (FileField("CHO_O"), "hop-dong-lon.pdf", big), (FileField("CHO_O"), "hop-dong-trang-2.pdf", Pdf));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        var alert = page.QuerySelector("[role=alert]")!.TextContent;
        alert.ShouldContain("Tệp \"hop-dong-lon.pdf\"");
        alert.ShouldContain("vượt quá giới hạn 1 MB");
        alert.ShouldContain("Các tệp đã chọn chưa được lưu");
        page.QuerySelector<IHtmlInputElement>("#f-0")!.Value.ShouldBe("Lần hai", "the typing is kept on the page");
        var after = await DraftAsync(draftId);
        after.Files.Select(f => f.FileName).ShouldBe(["to-khai.pdf"]);
        (after.FormData, after.UpdatedAtUtc).ShouldBe((before.FormData, before.UpdatedAtUtc));
        (await StoredFileCountAsync()).ShouldBe(rows);
        BytesOnDisk().ShouldBe(bytes, "the accepted second page is not kept either");
    }

    [Fact]
    public async Task Upload_OfAProgramRenamedPdf_IsRefusedWithTheReasonAndNothingIsAttached()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);
        var (rows, bytes) = (await StoredFileCountAsync(), BytesOnDisk());

        var response = await PressAsync(citizen, draftId, "upload", null,
            (FileField("TK"), "to-khai.pdf", Pdf), (FileField("CHO_O"), "giay-to.pdf", Executable));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var alert = (await AlertAsync(response))!;
        alert.ShouldContain("Tệp \"giay-to.pdf\" không phải PDF, ảnh JPEG/PNG hoặc văn bản Word (.docx)");
        alert.ShouldNotContain("to-khai.pdf");
        (await DraftAsync(draftId)).Files.ShouldBeEmpty();
        (await StoredFileCountAsync()).ShouldBe(rows);
        BytesOnDisk().ShouldBe(bytes);
    }

    [Fact]
    public async Task SaveDraft_WithAnIncompleteForm_KeepsWhatWasTypedAndListsTheDraft()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);

        var response = await PressAsync(citizen, draftId, "save", f =>
        {
            f["Form[lyDo]"] = "Đang soạn dở";
            f["Form[ngayChuyenDen]"] = "";
            f["Applicant.Phone"] = "0988 777 666";
            f["Applicant.Name"] = "Tên khác";
        });

        response.Headers.Location!.ToString().ShouldBe($"{DraftUrl(draftId)}?done=saved");
        var page = await citizen.GetPageAsync(response.Headers.Location!.ToString());
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("Đã lưu nháp lúc 09:00 17/11/2026");
        page.QuerySelector<IHtmlInputElement>("#f-0")!.Value.ShouldBe("Đang soạn dở");
        page.QuerySelector<IHtmlInputElement>("#applicant-phone")!.Value.ShouldBe("0988 777 666");
        var draft = await DraftAsync(draftId);
        EFormValidation.ReadEntered(draft.FormData)["lyDo"].ShouldBe("Đang soạn dở");
        (draft.ApplicantPhone, draft.ApplicantName).ShouldBe(("0988 777 666", TestData.CitizenName), "the name of one's own account is not edited here");

        var list = await citizen.GetPageAsync("/nop-ho-so/nhap");
        list.QuerySelector($"a[href='{DraftUrl(draftId)}']").ShouldNotBeNull();
        list.QuerySelector("h1")!.TextContent.ShouldBe("Hồ sơ đang soạn");
    }

    [Fact]
    public async Task RemoveFile_TakesTheUploadedFileOutOfTheDraftAndDeletesIt()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);
        await PressAsync(citizen, draftId, "upload", null, (FileField("TK"), "nham-tep.pdf", Pdf));
        var file = (await DraftAsync(draftId)).Files.ShouldHaveSingleItem();
        var bytes = BytesOnDisk();

        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        page.QuerySelector(".submission-files")!.TextContent.ShouldContain("nham-tep.pdf");
        var response = await PostAsync(citizen, ActionOf(page, "remove", file.Id.ToString()), FieldsOf(page));

        response.Headers.Location!.ToString().ShouldBe($"{DraftUrl(draftId)}?done=removed");
        (await DraftAsync(draftId)).Files.ShouldBeEmpty();
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.Id == file.StoredFileId, Ct))).ShouldBe(0);
        BytesOnDisk().ShouldBe(bytes - 1);
    }

    [Fact]
    public async Task Submit_PressedTwice_ShowsTheSameReceiptAndMakesOneDossier()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await CompleteDraftAsync(citizen, world);
        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        var fields = FieldsOf(page);

        var first = await ReceiptCodeAsync(await PostAsync(citizen, ActionOf(page, "submit"), fields));
        var second = await ReceiptCodeAsync(await PostAsync(citizen, ActionOf(page, "submit"), fields));
        fields["Form[lyDo]"] = "Sửa sau khi nộp";
        var edit = await ReceiptCodeAsync(await PostAsync(citizen, ActionOf(page, "save"), fields));
        var reopened = await citizen.Http.GetAsync(DraftUrl(draftId), Ct);

        second.ShouldBe(first);
        edit.ShouldBe(first);
        reopened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reopened.Headers.Location!.ToString().ShouldBe($"/nop-ho-so/bien-nhan/{Uri.EscapeDataString(first)}");
        var dossier = (await DossiersOfAsync(draftId)).ShouldHaveSingleItem();
        dossier.Files.Count.ShouldBe(2);
        EFormValidation.ReadEntered((await DraftAsync(draftId)).FormData)["lyDo"].ShouldBe("Về ở cùng gia đình", "a submitted draft is not edited");
    }

    [Fact]
    public async Task Submit_TwoRequestsAtTheSameInstant_MakeOneDossierAndTheSameReceipt()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await CompleteDraftAsync(citizen, world);
        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        var fields = FieldsOf(page);
        var action = ActionOf(page, "submit");

        var answers = await Task.WhenAll(Task.Run(() => PostAsync(citizen, action, fields), Ct), Task.Run(() => PostAsync(citizen, action, fields), Ct));

        var codes = await Task.WhenAll(answers.Select(ReceiptCodeAsync));
        codes.Distinct().ShouldHaveSingleItem();
        var dossier = (await DossiersOfAsync(draftId)).ShouldHaveSingleItem();
        dossier.Code.ShouldBe(codes[0]);
        dossier.Files.Count.ShouldBe(2);
        dossier.History.Count(h => h.Kind == DossierEventKind.Submit).ShouldBe(1);
        (await DraftAsync(draftId)).SubmittedDossierId.ShouldBe(dossier.Id);
    }

    [Fact]
    public async Task TakeFromDataStore_OnALaterSubmission_ReusesTheSameStoredFileAndMarksTheComponent()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var firstCode = await ReceiptCodeAsync(await PressAsync(citizen, await CompleteDraftAsync(citizen, world), "submit"));
        var document = await app.WithDbAsync(db => db.CitizenDocuments.AsNoTracking()
            .SingleAsync(d => d.SourceDossierCode == firstCode && d.ComponentCode == "CHO_O", Ct));
        var draftId = await StartAsync(citizen, world);

        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        var offer = page.QuerySelectorAll(".submission-store li").Single(li => li.QuerySelector($"button[formaction*='document={document.Id}']") is not null);
        offer.TextContent.ShouldContain(firstCode);
        offer.TextContent.ShouldContain("Giấy tờ chứng minh chỗ ở hợp pháp");
        offer.TextContent.ShouldContain("không thời hạn");
        var taken = await PostAsync(citizen, ActionOf(page, "reuse", $"document={document.Id}"), FieldsOf(page));
        taken.Headers.Location!.ToString().ShouldBe($"{DraftUrl(draftId)}?done=reused");
        var again = await citizen.GetPageAsync(DraftUrl(draftId));
        again.QuerySelector(".submission-files")!.TextContent.ShouldContain("Từ kho dữ liệu");
        await PressAsync(citizen, draftId, "upload", FillEForm, (FileField("TK"), "to-khai-lan-2.pdf", Pdf));
        var secondCode = await ReceiptCodeAsync(await PressAsync(citizen, draftId, "submit"));

        var dossier = (await DossiersOfAsync(draftId)).ShouldHaveSingleItem();
        dossier.Code.ShouldBe(secondCode);
        var reused = dossier.Components.Single(c => c.RequirementCode == "CHO_O");
        (reused.Reused, reused.FromCitizenStore).ShouldBe((true, true));
        dossier.Components.Single(c => c.RequirementCode == "TK").Reused.ShouldBeFalse();
        dossier.Files.Single(f => f.ComponentId == reused.Id).StoredFileId.ShouldBe(document.StoredFileId);
        dossier.History.ShouldContain(h => h.Kind == DossierEventKind.ReuseComponent && h.Description.Contains("(từ kho dữ liệu)"));
        (await app.WithDbAsync(db => db.CitizenDocuments.CountAsync(d => d.StoredFileId == document.StoredFileId, Ct))).ShouldBe(1, "the store keeps one document");
    }

    [Fact]
    public async Task AssistedSubmission_RecordsTheTeamMember_AndIsNotGivenToAnUnverifiedAccountWithTheIdNumber()
    {
        var world = await app.ArrangeAsync();
        var helper = await OfficeClient.SignInCitizenAsync(app, TestData.HelperPhone);
        var start = await helper.GetPageAsync($"/nop-ho-so/{SubmissionApp.WithEForm}");
        start.QuerySelector("fieldset legend")!.TextContent.ShouldBe("Nộp hồ sơ cho ai?");
        var draftId = await StartAsync(helper, world, onBehalf: true);
        var draft = await DraftAsync(draftId);
        (draft.AccountId, draft.Assisted, draft.ApplicantName, draft.ApplicantIdNumber).ShouldBe((world.HelperId, true, "", ""));
        await StoreDocumentAsync(TestData.CitizenIdNumber);

        var page = await helper.GetPageAsync(DraftUrl(draftId));
        page.QuerySelector("#applicant-name").ShouldNotBeNull();
        page.QuerySelector(".submission-store").ShouldBeNull("a team member does not browse the applicant's data store");
        await PressAsync(helper, draftId, "upload", f =>
        {
            FillEForm(f);
            f["Applicant.Name"] = TestData.CitizenName;
            f["Applicant.IdNumber"] = TestData.CitizenIdNumber;
            f["Applicant.Phone"] = TestData.CitizenPhone;
        }, (FileField("TK"), "to-khai.pdf", Pdf), (FileField("CHO_O"), "cho-o.pdf", Pdf));
        var code = await ReceiptCodeAsync(await PressAsync(helper, draftId, "submit"));

        var dossier = (await DossiersOfAsync(draftId)).ShouldHaveSingleItem();
        // The applicant's account is not verified with VNeID: its ID number proves nothing (ADR 0013).
        (dossier.AssistedById, dossier.AssistedByName, dossier.CitizenAccountId).ShouldBe((world.HelperId, TestData.HelperName, (Guid?)null));
        (dossier.Applicant.FullName, dossier.Applicant.IdNumber).ShouldBe((TestData.CitizenName, TestData.CitizenIdNumber));
        var submit = dossier.History.OrderBy(h => h.Sequence).First();
        (submit.ActorId, submit.ActorName, submit.ActorRole).ShouldBe(((Guid?)world.HelperId, TestData.HelperName, "Tổ công nghệ số cộng đồng"));
        submit.Description.ShouldContain($"{TestData.HelperName} (Tổ công nghệ số cộng đồng) nộp thay cho {TestData.CitizenName}");
        dossier.History.Where(h => h.Kind == DossierEventKind.AttachFile).ShouldAllBe(h => h.ActorId == world.HelperId);

        (await helper.GetPageAsync($"/nop-ho-so/bien-nhan/{code}")).QuerySelector("dl.facts")!.TextContent.ShouldContain($"{TestData.HelperName} (Tổ công nghệ số cộng đồng)");
        var stranger = await OfficeClient.SignInCitizenAsync(app, SubmissionApp.OtherCitizenPhone);
        (await stranger.Http.GetAsync($"/nop-ho-so/bien-nhan/{code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Draft_OfAnotherCitizen_IsNotFoundAndCannotBeChanged()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);
        var before = await DraftAsync(draftId);
        var stranger = await OfficeClient.SignInCitizenAsync(app, SubmissionApp.OtherCitizenPhone);

        var opened = await stranger.Http.GetAsync(DraftUrl(draftId), Ct);
        var posted = await stranger.PostFormAsync("/nop-ho-so/nhap", $"{DraftUrl(draftId)}?handler=save", new() { ["Form[lyDo]"] = "Của người khác" });
        var deleted = await stranger.PostFormAsync("/nop-ho-so/nhap", $"/nop-ho-so/nhap?handler=delete&id={draftId}", []);
        var list = await stranger.GetPageAsync("/nop-ho-so/nhap");

        opened.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        posted.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        deleted.Headers.Location!.ToString().ShouldBe("/nop-ho-so/nhap", "nothing of theirs was deleted, so nothing is confirmed");
        list.QuerySelector($"a[href='{DraftUrl(draftId)}']").ShouldBeNull();
        var after = await DraftAsync(draftId);
        (after.FormData, after.UpdatedAtUtc).ShouldBe((before.FormData, before.UpdatedAtUtc));
    }

    [Fact]
    public async Task DeleteDraft_RemovesTheDraftAndTheFilesUploadedToIt()
    {
        var world = await app.ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world);
        await PressAsync(citizen, draftId, "upload", null, (FileField("TK"), "to-khai.pdf", Pdf));
        var storedFileId = (await DraftAsync(draftId)).Files.Single().StoredFileId;

        var list = await citizen.GetPageAsync("/nop-ho-so/nhap");
        var form = list.QuerySelectorAll("form").Single(f => f.GetAttribute("action") == $"/nop-ho-so/nhap?handler=delete&id={draftId}");
        form.TextContent.ShouldContain("Xóa bản nháp");
        var response = await citizen.PostFormAsync("/nop-ho-so/nhap", $"/nop-ho-so/nhap?handler=delete&id={draftId}", []);

        response.Headers.Location!.ToString().ShouldBe("/nop-ho-so/nhap?done=deleted");
        (await app.WithDbAsync(db => db.DossierDrafts.AnyAsync(d => d.Id == draftId, Ct))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == storedFileId, Ct))).ShouldBeFalse();
        (await citizen.GetPageAsync("/nop-ho-so/nhap?done=deleted")).QuerySelector("[role=status]")!.TextContent.ShouldBe("Đã xóa bản nháp.");
    }

    /// <summary>A document in someone's data store, as an earlier dossier would have filed it.</summary>
    private Task StoreDocumentAsync(string ownerIdNumber) =>
        app.WithDbAsync(async db =>
        {
            var store = app.Services.GetRequiredService<MotCua.Web.Infrastructure.FileStore>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var file = await store.SaveAsync(new MemoryStream(Pdf), "so-ho-khau.pdf", "application/pdf", now, Ct);
            db.StoredFiles.Add(file);
            db.CitizenDocuments.Add(new MotCua.Web.Features.DocumentStore.CitizenDocument(ownerIdNumber, MotCua.Web.Features.DocumentStore.CitizenDocumentKind.Component,
                "Giấy tờ chứng minh chỗ ở hợp pháp", "CHO_O", file.Id, file.FileName, null, "000.00.41.H98-261001-0001", null, null, null, now));
            await db.SaveChangesAsync(Ct);
        });
}
