using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Browser;

/// <summary>Journey (a): a dossier received at the desk goes through the department, the leader and the clerk,
/// and comes back to the desk, which collects the fee and returns the result — every step on the office pages.</summary>
[Collection(BrowserTests.Name)]
public sealed class DeskToReturnJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Applicant = "Đỗ Thị Hoa";
    private const string Residence = "Đăng ký thường trú";

    [Fact]
    public async Task DeskReception_ThroughProcessingApprovalAndIssuance_EndsReturnedWithTheWholeHistory()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);

        // The desk official receives the applicant's papers, scans the proof of residence, and prints Form 01.
        var desk = await journey.SignInAsync("desk");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận hồ sơ tại quầy" }), "tiep-nhan-tai-quay");
        await desk.Page.GetByLabel("Tìm thủ tục theo mã hoặc tên").FillAsync("dang ky thuong tru");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }), "tim-thu-tuc");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Link, new() { Name = "Chọn thủ tục " + Residence, Exact = true }), "chon-thu-tuc");
        await desk.Page.GetByLabel("Số định danh cá nhân / mã số tổ chức").FillAsync("079195004321");
        await desk.Page.GetByLabel("Họ và tên (tên tổ chức)").FillAsync(Applicant);
        await desk.Page.GetByLabel("Số điện thoại").FillAsync("0987654321");
        await desk.Page.GetByLabel("Địa chỉ").FillAsync("Số 12, đường Trần Phú, Phường Một");
        await desk.ComponentRow("Tờ khai thay đổi thông tin cư trú (CT01)").GetByRole(AriaRole.Checkbox).CheckAsync();
        await desk.ComponentRow("Giấy tờ chứng minh chỗ ở hợp pháp").GetByRole(AriaRole.Checkbox).CheckAsync();
        await desk.Page.GetByLabel("Bản quét: Tờ khai thay đổi thông tin cư trú (CT01)").SetInputFilesAsync(
            new FilePayload { Name = "to-khai-ct01.pdf", MimeType = "application/pdf", Buffer = Arrange.Pdf });
        await desk.Page.GetByLabel("Bản quét: Giấy tờ chứng minh chỗ ở hợp pháp").SetInputFilesAsync(
            new FilePayload { Name = "hop-dong-thue-nha.pdf", MimeType = "application/pdf", Buffer = Arrange.Pdf });
        await desk.ScreenshotAsync("ho-so-da-dien");
        await desk.AtTabletAsync("ho-so-da-dien");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận và in", Exact = true }), "mau-01");

        desk.Path.ShouldStartWith("/office/forms/01/");
        (await desk.Page.Locator("h1.form-title").InnerTextAsync()).ShouldBe("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        (await desk.Page.Locator(".applicant").InnerTextAsync()).ShouldBe(Applicant);
        var id = desk.DossierIdFromUrl();
        var code = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).Select(d => d.Code!).SingleAsync());

        // Handed to the department.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await desk.GotoAsync($"/office/dossiers/{id}", "ho-so-da-tiep-nhan");
        (await desk.StatusAsync()).ShouldBe("Được tiếp nhận");
        var handOver = await desk.ActionAsync("Chuyển bộ phận xử lý");
        await handOver.GetByLabel("Bộ phận xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Văn phòng HĐND và UBND phường Một" });
        await desk.SubmitAsync(handOver.GetByRole(AriaRole.Button, new() { Name = "Chuyển xử lý" }), "da-chuyen-xu-ly");
        (await desk.NoticeAsync()).ShouldContain("Đã chuyển hồ sơ đến bộ phận xử lý");
        (await desk.StatusAsync()).ShouldBe("Đang xử lý");

        // The leader finds it among their tasks and assigns the specialist.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var leader = await journey.SignInAsync("leader");
        await leader.SubmitAsync(leader.Page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }), "ho-so-cho-phan-cong");
        var assign = await leader.ActionAsync("Phân công xử lý");
        await assign.GetByLabel("Chuyên viên xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Cán bộ specialist — Văn phòng HĐND và UBND phường Một" });
        await leader.SubmitAsync(assign.GetByRole(AriaRole.Button, new() { Name = "Phân công" }), "da-phan-cong");
        (await leader.NoticeAsync()).ShouldContain("Đã phân công Cán bộ specialist");

        // The specialist uploads the draft and submits it for signature.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var specialist = await journey.SignInAsync("specialist");
        await specialist.SubmitAsync(specialist.Page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }), "ho-so-tham-dinh");
        var draft = await specialist.ActionAsync("Tải lên dự thảo kết quả");
        await draft.GetByLabel("Tệp dự thảo").SetInputFilesAsync(new FilePayload { Name = "du-thao-thong-bao.pdf", MimeType = "application/pdf", Buffer = Arrange.Pdf });
        await specialist.SubmitAsync(draft.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }), "da-tai-du-thao");
        (await specialist.NoticeAsync()).ShouldContain("Đã tải lên dự thảo kết quả");
        var submit = await specialist.ActionAsync("Trình ký");
        await submit.GetByLabel("Ý kiến đề xuất").FillAsync("Đủ điều kiện đăng ký thường trú.");
        await specialist.SubmitAsync(submit.GetByRole(AriaRole.Button, new() { Name = "Trình lãnh đạo ký" }), "da-trinh-ky");
        (await specialist.NoticeAsync()).ShouldContain("Đã trình lãnh đạo ký duyệt");

        // The leader approves.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await leader.GotoAsync($"/office/dossiers/{id}", "ho-so-cho-ky");
        var approve = await leader.ActionAsync("Phê duyệt, ký");
        await leader.SubmitAsync(approve.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }), "da-phe-duyet");
        (await leader.NoticeAsync()).ShouldContain("Đã phê duyệt");

        // The clerk numbers and issues the signed result.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var clerk = await journey.SignInAsync("clerk");
        await clerk.SubmitAsync(clerk.Page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }), "ho-so-cho-phat-hanh");
        var issue = await clerk.ActionAsync("Vào số, phát hành kết quả");
        await issue.GetByLabel("Số, ký hiệu văn bản").FillAsync("25/TB-UBND");
        await issue.GetByLabel("Tệp kết quả đã ký").SetInputFilesAsync(new FilePayload { Name = "thong-bao-ket-qua.pdf", MimeType = "application/pdf", Buffer = Arrange.Pdf });
        await clerk.SubmitAsync(issue.GetByRole(AriaRole.Button, new() { Name = "Phát hành" }), "da-phat-hanh");
        (await clerk.StatusAsync()).ShouldBe("Đã xử lý xong");

        // Back at the desk: the fee is collected and the result handed to the applicant.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await desk.GotoAsync("/office", "trang-chu-co-ket-qua");
        await desk.SubmitAsync(desk.Page.Locator("section[aria-labelledby=cho-tra]").GetByRole(AriaRole.Link, new() { Name = code, Exact = true }), "ho-so-cho-tra");
        var payment = await desk.ActionAsync("Thu phí, lệ phí");
        (await payment.GetByLabel("Số tiền (đồng)").InputValueAsync()).ShouldBe("20.000");
        await payment.GetByLabel("Số biên lai / mã giao dịch").FillAsync("BL-0001");
        await desk.SubmitAsync(payment.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận thu" }), "da-thu-phi");
        (await desk.NoticeAsync()).ShouldContain("đã nộp 20.000 ₫ / 20.000 ₫");
        var giveBack = await desk.ActionAsync("Trả kết quả");
        await giveBack.GetByLabel("Họ tên người nhận").FillAsync(Applicant);
        await desk.SubmitAsync(giveBack.GetByRole(AriaRole.Button, new() { Name = "Trả kết quả" }), "da-tra-ket-qua");

        (await desk.StatusAsync()).ShouldBe("Đã trả kết quả");
        var history = string.Join("\n", await desk.HistoryAsync());
        foreach (var step in new[] { "Cán bộ desk", "Cán bộ leader", "Cán bộ specialist", "Cán bộ clerk", "Lãnh đạo", "Văn thư" })
            history.ShouldContain(step);
        (await desk.HistoryAsync()).Count.ShouldBe(12);
        await desk.AtTabletAsync("da-tra-ket-qua");

        // The control slip (Form 06) lists every step; the register (Form 07) has the dossier's line.
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Link, new() { Name = "Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ" }), "mau-06");
        (await desk.Page.Locator("h1.form-title").InnerTextAsync()).ShouldBe("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
        (await desk.BodyTextAsync()).ShouldContain("Cán bộ clerk");
        await desk.GotoAsync("/office/forms/07?from=2026-11-17&to=2026-11-17", "mau-07");
        (await desk.Page.Locator("table.register tbody").InnerTextAsync()).ShouldContain(code);

        // The desk finds it again by the applicant's name typed without diacritics.
        await desk.GotoAsync("/office/dossiers?q=do+thi+hoa", "tra-cuu");
        (await desk.Page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).CountAsync()).ShouldBe(1);

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).SingleAsync(d => d.Id == id));
        (stored.Status, stored.ReceivedResultBy, stored.AmountPaid).ShouldBe((DossierStatus.Returned, Applicant, 20_000L));
        stored.History.OrderBy(h => h.Sequence).Select(h => h.Kind.ToString()).ShouldBe(
            ["Receive", "AttachFile", "AttachFile", "StartProcessing", "Assign", "AttachDraft", "SubmitForApproval", "Approve", "Decide", "AttachResult", "Payment", "ReturnResult"]);
    }
}
