using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Browser;

/// <summary>The citizen portal end to end, as a citizen on a phone (and on a desktop) and the officials at their PCs
/// would walk it: every page is screenshotted and checked with axe-core.</summary>
[Collection(BrowserTests.Name)]
public sealed class CitizenPortalJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Procedure = "Đăng ký thường trú";
    private const string Declaration = "Tờ khai thay đổi thông tin cư trú (CT01)";
    private const string Residence = "Giấy tờ chứng minh chỗ ở hợp pháp";

    /// <summary>A Windows program renamed to .pdf: refused by its content, whatever its name says.</summary>
    private static readonly byte[] Disguised = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private static FilePayload Pdf(string name) => new() { Name = name, MimeType = "application/pdf", Buffer = Arrange.Pdf };

    [Fact]
    public async Task Citizen_FindsRegistersSubmitsAnswersTheSupplement_DownloadsTheResultAndRates_OnAPhone()
    {
        var world = await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);
        var citizen = await journey.OpenAsync("nguoi-dan", Journey.Phone);
        var page = citizen.Page;

        // The procedure is found without diacritics, from the catalog.
        await citizen.GotoAsync("/thu-tuc", "thu-tuc");
        await page.GetByLabel("Tên hoặc mã thủ tục").FillAsync("dang ky thuong tru");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tìm kiếm" }), "ket-qua-tim-kiem");
        await citizen.SubmitAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = Procedure, Exact = true }), "trang-thu-tuc");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe(Procedure);
        (await citizen.BodyTextAsync()).ShouldContain(Residence);

        // Submitting needs an account: the sign-in page offers registration and comes back here afterwards.
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Nộp hồ sơ trực tuyến" }).First, "can-dang-nhap");
        citizen.Path.ShouldBe("/dang-nhap");
        await citizen.SubmitAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Đăng ký", Exact = true }), "dang-ky");
        await page.GetByLabel("Họ và tên").FillAsync("Võ Thị Mai");
        await page.GetByLabel("Số định danh cá nhân").FillAsync("079196001122");
        await page.GetByLabel("Số điện thoại di động").FillAsync("0938 111 222");
        await page.GetByLabel("Thư điện tử").FillAsync("mai.vo@example.vn");
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("MatKhau@2026");
        await page.GetByLabel("Nhập lại mật khẩu").FillAsync("MatKhau@2026");
        await page.Locator("#Consent").CheckAsync();
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký", Exact = true }), "chon-noi-nop");
        citizen.Path.ShouldBe("/nop-ho-so/1.004222");

        // A draft for Phường Một: a disguised file is refused, then the real scans are uploaded.
        await page.GetByLabel("Nơi nộp hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = "Phường Một" });
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu khai hồ sơ" }), "ban-khai");
        (await citizen.BodyTextAsync()).ShouldContain("Võ Thị Mai");
        await page.GetByLabel($"Chọn tệp cho {Residence}").SetInputFilesAsync(new FilePayload { Name = "so-do.pdf", MimeType = "application/pdf", Buffer = Disguised });
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Tải lên tệp cho {Residence}" }), "tep-gia-mao");
        (await citizen.AlertAsync()).ShouldContain("so-do.pdf");
        (await citizen.AlertAsync()).ShouldContain("không phải PDF");
        await page.GetByLabel($"Chọn tệp cho {Declaration}").SetInputFilesAsync(Pdf("to-khai-ct01.pdf"));
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Tải lên tệp cho {Declaration}" }), "da-tai-to-khai");
        await page.GetByLabel($"Chọn tệp cho {Residence}").SetInputFilesAsync([Pdf("hop-dong-thue-nha-trang-1.pdf"), Pdf("hop-dong-thue-nha-trang-2.pdf")]);
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Tải lên tệp cho {Residence}" }), "da-tai-cho-o");
        (await citizen.BodyTextAsync()).ShouldContain("10.000 ₫");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }), "bien-nhan");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Nộp hồ sơ thành công");
        var code = (await page.Locator(".submission-code").InnerTextAsync()).Trim();
        var lookupCode = (await page.Locator(".submission-lookup").InnerTextAsync()).Trim();
        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Files).SingleAsync(d => d.Code == code));
        (dossier.Status, dossier.Channel, dossier.Applicant.FullName, dossier.Files.Count).ShouldBe((DossierStatus.Submitted, Channel.Online, "Võ Thị Mai", 3));

        // The desk checks it and asks, once, for what is missing.
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var desk = await journey.SignInAsync("desk");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Link, new() { Name = "Kiểm tra, tiếp nhận hồ sơ " + code, Exact = true }), "kiem-tra-truc-tuyen");
        await desk.Page.GetByLabel("Các nội dung cần bổ sung, hoàn thiện").FillAsync("Văn bản đồng ý của chủ nhà cho đăng ký thường trú");
        await desk.Page.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Thiếu văn bản đồng ý của chủ sở hữu chỗ ở.");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Yêu cầu bổ sung", Exact = true }), "mau-02");

        // The citizen sees the request in "my dossiers" and answers it online.
        app.Clock.Advance(TimeSpan.FromHours(2));
        await citizen.GotoAsync("/ho-so-cua-toi", "ho-so-cua-toi");
        (await citizen.BodyTextAsync()).ShouldContain("Cần bổ sung");
        await citizen.SubmitAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = code }).First, "ho-so-can-bo-sung");
        (await citizen.BodyTextAsync()).ShouldContain("Văn bản đồng ý của chủ nhà cho đăng ký thường trú");
        // The landlord's consent is not one of the procedure's components: it goes with the request itself.
        await page.Locator("#upload-0-component").SelectOptionAsync(new SelectOptionValue { Label = "Giấy tờ khác theo yêu cầu bổ sung" });
        await page.Locator("#upload-0-files").SetInputFilesAsync(Pdf("van-ban-dong-y-chu-nha.pdf"));
        await page.GetByLabel("Nội dung bổ sung, ghi chú").FillAsync("Gửi văn bản đồng ý của chủ nhà.");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Gửi bổ sung" }), "da-bo-sung");
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldNotBeEmpty();
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.Status).SingleAsync())).ShouldBe(DossierStatus.Submitted);

        // The desk receives it; the unit processes and issues the result; the desk returns it electronically.
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await desk.GotoAsync($"/office/reception/online/{dossier.Id}", "kiem-tra-lai");
        (await desk.BodyTextAsync()).ShouldContain("van-ban-dong-y-chu-nha.pdf");
        await desk.SubmitAsync(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận", Exact = true }), "da-tiep-nhan");
        await OfficeDossiers.ToDecidedAsync(app, world, dossier.Id);
        await desk.GotoAsync($"/office/dossiers/{dossier.Id}", "ho-so-cho-tra");
        var payment = await desk.ActionAsync("Thu phí, lệ phí");
        await payment.GetByLabel("Số biên lai / mã giao dịch").FillAsync("BL-0002");
        await desk.SubmitAsync(payment.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận thu" }), "da-thu-phi");
        var giveBack = await desk.ActionAsync("Trả kết quả");
        await giveBack.GetByLabel("Hình thức trả").SelectOptionAsync(new SelectOptionValue { Label = "Bản điện tử vào kho dữ liệu của người nộp" });
        await desk.SubmitAsync(giveBack.GetByRole(AriaRole.Button, new() { Name = "Trả kết quả" }), "da-tra-ket-qua");
        (await desk.StatusAsync()).ShouldBe("Đã trả kết quả");

        // The citizen downloads the result, finds it in the data store, and rates the service.
        await citizen.GotoAsync($"/ho-so-cua-toi/{code}", "ho-so-da-tra");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải kết quả" }).First.ClickAsync());
        var saved = await download.PathAsync();
        // The result as issued: the uploaded file stamped with the unit's seal (its bytes, then the signature's update).
        var bytes = await File.ReadAllBytesAsync(saved, TestContext.Current.CancellationToken);
        bytes[..OfficeDossiers.Pdf.Length].ShouldBe(OfficeDossiers.Pdf);
        bytes.Length.ShouldBeGreaterThan(OfficeDossiers.Pdf.Length);
        await page.Locator("input[name=score][value='5']").CheckAsync();
        await page.GetByLabel("Góp ý (không bắt buộc)").FillAsync("Nhanh, không phải đi lại.");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }), "da-danh-gia");
        (await citizen.BodyTextAsync()).ShouldContain("Nhanh, không phải đi lại.");
        await citizen.GotoAsync("/kho-du-lieu", "kho-du-lieu");
        var store = await citizen.BodyTextAsync();
        store.ShouldContain("Thông báo kết quả đăng ký thường trú");
        store.ShouldContain(Residence);

        // Anyone with the receipt can follow the dossier without signing in, and sees no personal data.
        var visitor = await journey.OpenAsync("khach");
        await visitor.GotoAsync("/tra-cuu", "tra-cuu");
        await visitor.Page.GetByLabel("Mã hồ sơ").FillAsync(code);
        await visitor.Page.GetByLabel("Mã tra cứu").FillAsync(lookupCode);
        await visitor.SubmitAsync(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }), "ket-qua-tra-cuu");
        var lookup = await visitor.BodyTextAsync();
        lookup.ShouldContain("Đã trả kết quả");
        lookup.ShouldNotContain("079196001122");
        lookup.ShouldNotContain("Võ Thị Mai");

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Supplements).SingleAsync(d => d.Id == dossier.Id));
        (stored.Status, stored.ReturnMethod).ShouldBe((DossierStatus.Returned, ReturnMethod.Electronic));
        stored.Supplements.Single().State.ShouldBe(SupplementState.Answered);
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == dossier.Id).SelectMany(d => d.Files)
            .SingleAsync(f => f.FileName == "van-ban-dong-y-chu-nha.pdf"))).Purpose.ShouldBe(DossierFilePurpose.Supplement);
        var rating = await app.WithDbAsync(db => db.SatisfactionRatings.SingleAsync(r => r.DossierId == dossier.Id));
        (rating.Liked, rating.Score).ShouldBe((true, 5));
    }

    [Fact]
    public async Task Citizen_ReusesAStoredDocument_IsRefusedAnOversizeFile_AndADoubleClickMakesOneDossier_OnADesktop()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);
        var citizen = await journey.OpenAsync("nguoi-dan");
        await citizen.SignInCitizenAsync(TestData.CitizenEmail);
        var page = citizen.Page;

        // A first submission puts the proof of residence in the citizen's data store.
        var first = await SubmitAsync(citizen, "lan-1", async () =>
        {
            await page.GetByLabel($"Chọn tệp cho {Declaration}").SetInputFilesAsync(Pdf("to-khai-lan-1.pdf"));
            await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Tải lên tệp cho {Declaration}" }), "lan-1-to-khai");
            await page.GetByLabel($"Chọn tệp cho {Residence}").SetInputFilesAsync(Pdf("so-ho-khau.pdf"));
            await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Tải lên tệp cho {Residence}" }), "lan-1-cho-o");
        });

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        // The second takes it from the store instead of uploading it again; an oversize scan is refused on the way.
        var second = await SubmitAsync(citizen, "lan-2", async () =>
        {
            var oversize = new byte[10 * 1024 * 1024 + 1];
            Arrange.Pdf.CopyTo(oversize, 0);
            await page.GetByLabel($"Chọn tệp cho {Declaration}").SetInputFilesAsync(new FilePayload { Name = "to-khai-qua-lon.pdf", MimeType = "application/pdf", Buffer = oversize });
            await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Tải lên tệp cho {Declaration}" }), "lan-2-tep-qua-lon");
            (await citizen.AlertAsync()).ShouldContain("vượt quá giới hạn 10 MB");
            await page.GetByLabel($"Chọn tệp cho {Declaration}").SetInputFilesAsync(Pdf("to-khai-lan-2.pdf"));
            await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Tải lên tệp cho {Declaration}" }), "lan-2-to-khai");
            // The store offers the earlier scan under the proof-of-residence component (code CHO_O).
            await citizen.SubmitAsync(page.Locator("button[formaction*='component=CHO_O']"), "lan-2-lay-tu-kho");
        }, doubleClick: true);

        var dossiers = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Components).Include(d => d.Files)
            .Where(d => d.CitizenAccountId != null && (d.Code == first || d.Code == second)).ToListAsync());
        dossiers.Count.ShouldBe(2);
        var reused = dossiers.Single(d => d.Code == second).Components.Single(c => c.RequirementCode == "CHO_O");
        (reused.Reused, reused.FromCitizenStore).ShouldBe((true, true));
        var storedFile = dossiers.Single(d => d.Code == first).Files.Single(f => f.FileName == "so-ho-khau.pdf").StoredFileId;
        dossiers.Single(d => d.Code == second).Files.ShouldContain(f => f.StoredFileId == storedFile);
        // The double click sent two submissions of the draft: one dossier.
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == TestData.CitizenIdNumber))).ShouldBe(2);
    }

    /// <summary>Starts a residence registration at Phường Một, lets <paramref name="fill"/> give its files, submits
    /// it (twice at once for a double click) and returns the code on the receipt.</summary>
    private async Task<string> SubmitAsync(OfficeSession citizen, string slug, Func<Task> fill, bool doubleClick = false)
    {
        var page = citizen.Page;
        await citizen.GotoAsync("/nop-ho-so/1.004222", slug + "-chon-noi-nop");
        await page.GetByLabel("Nơi nộp hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = "Phường Một" });
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu khai hồ sơ" }), slug + "-ban-khai");
        await fill();
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true });
        if (doubleClick)
        {
            // Two submissions of the same form leave the browser before the first answer comes back, as an
            // impatient double tap on a slow line does.
            var statuses = await page.EvaluateAsync<int[]>("""
                async () => {
                  const button = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Nộp hồ sơ');
                  const send = () => { const data = new FormData(button.form, button); return fetch(button.formAction, { method: 'POST', body: data }); };
                  const answers = await Promise.all([send(), send()]);
                  return answers.map(a => a.status);
                }
                """);
            statuses.ShouldBe([200, 200]);
            await citizen.GotoAsync("/nop-ho-so/nhap", slug + "-ho-so-dang-soan");
            (await citizen.BodyTextAsync()).ShouldNotContain("Đăng ký thường trú", customMessage: "the submitted draft is no longer a draft");
            var code = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Applicant.IdNumber == TestData.CitizenIdNumber)
                .OrderByDescending(d => d.SubmittedAtUtc).ThenByDescending(d => d.Code).Select(d => d.Code!).FirstAsync());
            await citizen.GotoAsync($"/nop-ho-so/bien-nhan/{code}", slug + "-bien-nhan");
            return code;
        }
        await citizen.SubmitAsync(submit, slug + "-bien-nhan");
        return (await page.Locator(".submission-code").InnerTextAsync()).Trim();
    }
}
