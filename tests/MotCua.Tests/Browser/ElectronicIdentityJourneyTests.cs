using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MotCua.Tests.Features.Certification;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Certification;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Browser;

/// <summary>The browser app with its own simulators of the national e-ID (VNeID) and of the population database, both
/// served by the same Kestrel and reached over the loopback, as in development.</summary>
public sealed class ElectronicIdentityBrowserApp : BrowserApp
{
    public const string MaritalStatus = "1.004873";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Population:BaseUrl", "/sandbox/csdl-dan-cu/");
        builder.UseSetting("Population:ClientId", "motcua-tinh");
        builder.UseSetting("Population:ClientSecret", "bi-mat-dan-cu");
        builder.UseSetting("Population:Simulator:ClientId", "motcua-tinh");
        builder.UseSetting("Population:Simulator:ClientSecret", "bi-mat-dan-cu");
    }

    /// <summary>Cấp Giấy xác nhận tình trạng hôn nhân (1.004873), fully online, which asks a divorced applicant for a
    /// certified copy of the divorce decision — the component an electronic certified copy from the store stands for.</summary>
    public async Task PublishMaritalStatusAsync()
    {
        await this.SeedWorldAsync();
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Procedures.AnyAsync(p => p.Code == MaritalStatus)) return;
        var procedure = new Procedure(Guid.NewGuid(), MaritalStatus);
        procedure.Publish(TestData.Residence() with
        {
            Name = "Cấp Giấy xác nhận tình trạng hôn nhân",
            FieldCode = "HT",
            FieldName = "Hộ tịch",
            CompetentAuthority = "Ủy ban nhân dân cấp xã",
            LegalTime = LegalTime.Days(3),
            ResultName = "Giấy xác nhận tình trạng hôn nhân",
            Components =
            [
                new ComponentRequirement("TK", "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", ComponentForm.Original),
                new ComponentRequirement("LY_HON", "Giấy tờ chứng minh việc ly hôn", ComponentForm.CertifiedCopy),
            ],
            Fees = [],
        }, new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync();
    }
}

/// <summary>Issue 13's journeys: an electronic certified copy made at the desk in one sitting, found in the citizen's data
/// store and reused in a later online dossier; a citizen signing in through the simulated national e-ID and submitting a
/// dossier that the population database filled, without the paper it replaces.</summary>
[Collection(BrowserTests.Name)]
public sealed class ElectronicIdentityJourneyTests(ElectronicIdentityBrowserApp app) : IClassFixture<ElectronicIdentityBrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static FilePayload Pdf(string name, byte[]? bytes = null) => new() { Name = name, MimeType = "application/pdf", Buffer = bytes ?? Arrange.Pdf };

    /// <summary>From the portal's sign-in page through the simulated VNeID (the provider's own page is not the portal's
    /// and is not checked for accessibility) to the portal's answer.</summary>
    private static async Task ThroughVneIdAsync(OfficeSession citizen, string person)
    {
        var page = citizen.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng nhập bằng VNeID" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/sandbox/vneid/", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = person }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sandbox/vneid/", StringComparison.Ordinal) && !url.Contains("/signin-", StringComparison.Ordinal));
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    [Fact]
    public async Task CertifiedCopy_AtTheDeskInOneSitting_GoesToTheCitizensStore_AndIsReusedInALaterOnlineDossier()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);
        const string idNumber = "079190000123", name = "Trần Thị Bình", document = "Quyết định công nhận thuận tình ly hôn số 15/2024/QĐST-HNGĐ";

        // The desk: the original shown, its scan compared, the fee for three pages taken, the copy signed and numbered.
        var desk = await journey.SignInAsync("desk");
        await app.PublishMaritalStatusAsync();
        await desk.GotoAsync("/office/reception/chung-thuc-ban-sao", "chung-thuc-ban-sao");
        var form = desk.Page;
        await form.GetByLabel("Số định danh cá nhân").FillAsync(idNumber);
        await form.GetByLabel("Họ và tên").FillAsync(name);
        await form.GetByLabel("Tên giấy tờ, văn bản được chứng thực").FillAsync(document);
        await form.GetByLabel("Bản quét bản chính", new() { Exact = false }).SetInputFilesAsync(Pdf("quyet-dinh-ly-hon.pdf", CertifiedCopyTests.Scan(3)));
        await form.GetByLabel("Đã đối chiếu với bản chính").CheckAsync();
        await desk.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Chứng thực, thu phí và trả kết quả" }), "da-chung-thuc");
        var notice = await form.Locator("#certified").InnerTextAsync();
        notice.ShouldContain("/SCT/BS");
        notice.ShouldContain("3 trang");
        notice.ShouldContain("5.000");
        var copy = await app.WithDbAsync(db => db.Set<CertifiedCopy>().AsNoTracking().SingleAsync(c => c.ApplicantIdNumber == idNumber, Ct));
        await desk.SubmitAsync(form.GetByRole(AriaRole.Link, new() { Name = "Xem hồ sơ và bản sao có chứng thực" }), "ho-so-chung-thuc");
        (await desk.StatusAsync()).ShouldBe("Đã trả kết quả");
        (await form.Locator("[data-signature-status=Valid]").CountAsync()).ShouldBeGreaterThan(0, "the certified copy is shown signed and valid");

        // The person signs in with VNeID (a new, verified account) and finds the copy in the data store, signed.
        var citizen = await journey.OpenAsync("nguoi-dan");
        var page = citizen.Page;
        await citizen.GotoAsync("/dang-nhap?ReturnUrl=%2Fkho-du-lieu", "dang-nhap");
        await ThroughVneIdAsync(citizen, $"Xác nhận: {name} — {idNumber}");
        await citizen.SeenAsync("vneid-dong-y");
        await page.Locator("#Consent").CheckAsync();
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Mở tài khoản" }), "kho-du-lieu");
        citizen.Path.ShouldBe("/kho-du-lieu");
        var store = await citizen.BodyTextAsync();
        store.ShouldContain("Bản sao điện tử có chứng thực");
        store.ShouldContain(document);
        store.ShouldContain(copy.BookNumber);
        (await page.Locator("[data-signature-status=Valid]").CountAsync()).ShouldBeGreaterThan(0);

        // A week later, online: the marital status certificate, the divorce shown by the certified copy from the store.
        app.Clock.Advance(TimeSpan.FromDays(7));
        await citizen.GotoAsync($"/nop-ho-so/{ElectronicIdentityBrowserApp.MaritalStatus}", "chon-noi-nop");
        await page.GetByLabel("Nơi nộp hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = "Phường Một" });
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu khai hồ sơ" }), "ban-khai");
        await page.GetByLabel("Chọn tệp cho Tờ khai cấp Giấy xác nhận tình trạng hôn nhân").SetInputFilesAsync(Pdf("to-khai.pdf"));
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tải lên tệp cho Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" }), "da-tai-to-khai");
        await citizen.SubmitAsync(page.Locator("button[formaction*='component=LY_HON']"), "lay-ban-sao-tu-kho");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }), "bien-nhan");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Nộp hồ sơ thành công");
        var code = (await page.Locator(".submission-code").InnerTextAsync()).Trim();

        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery().Include(d => d.Components).Include(d => d.Files).SingleAsync(d => d.Code == code, Ct));
        var divorce = dossier.Components.Single(c => c.RequirementCode == "LY_HON");
        (divorce.Reused, divorce.FromCitizenStore).ShouldBe((true, true));
        dossier.Files.ShouldContain(f => f.StoredFileId == copy.CopyFileId, "the dossier holds the certified copy itself, not a new upload");
        (dossier.IdentityCheck, dossier.Applicant.IdNumber).ShouldBe((IdentityCheck.ElectronicIdentity, idNumber));

        // The desk checking the online dossier sees the copy with its valid signature.
        await desk.GotoAsync($"/office/reception/online/{dossier.Id}", "kiem-tra-truc-tuyen");
        (await desk.BodyTextAsync()).ShouldContain("Giấy tờ chứng minh việc ly hôn");
        (await form.Locator("[data-signature-status=Valid]").CountAsync()).ShouldBeGreaterThan(0, "the reused certified copy shows its valid signature to the desk");
    }

    [Fact]
    public async Task Citizen_SignsInWithVneId_AndSubmitsWhatThePopulationDatabaseFilled_WithoutThePaperItReplaces_OnAPhone()
    {
        await app.SeedWorldAsync();
        await using var journey = Journey.Start(app);
        const string idNumber = "075095001234", name = "Nguyễn Văn Dân";
        var citizen = await journey.OpenAsync("nguoi-dan", Journey.Phone);
        var page = citizen.Page;

        // From the procedure's page, the sign-in asked for by "Nộp hồ sơ trực tuyến", through VNeID and the consent.
        await citizen.GotoAsync("/thu-tuc/1.004222", "trang-thu-tuc");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Nộp hồ sơ trực tuyến" }).First, "can-dang-nhap");
        await ThroughVneIdAsync(citizen, $"Xác nhận: {name} — {idNumber}");
        await citizen.SeenAsync("vneid-dong-y");
        (await citizen.BodyTextAsync()).ShouldContain(idNumber);
        await page.Locator("#Consent").CheckAsync();
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Mở tài khoản" }), "chon-noi-nop");
        citizen.Path.ShouldBe("/nop-ho-so/1.004222");
        var account = await app.WithDbAsync(db => db.Citizens.AsNoTracking().SingleAsync(c => c.PersonalIdNumber == idNumber, Ct));
        (account.VerifiedWithElectronicIdentity, account.BirthDate).ShouldBe((true, new DateOnly(1995, 3, 12)));

        // The draft comes filled from the population database: name, birth date, residence; the proof of residence is its.
        await page.GetByLabel("Nơi nộp hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = "Phường Một" });
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu khai hồ sơ" }), "ban-khai-da-dien");
        var registry = await page.Locator("#population-data").InnerTextAsync();
        registry.ShouldContain(name);
        registry.ShouldContain("12/03/1995");
        registry.ShouldContain("Giấy tờ chứng minh chỗ ở hợp pháp");
        var address = await page.GetByLabel("Địa chỉ liên hệ").InputValueAsync();
        address.ShouldContain("phường Trần Biên", Case.Sensitive, "the residence the registry gives fills the empty address");
        (await page.GetByLabel("Chọn tệp cho Giấy tờ chứng minh chỗ ở hợp pháp").CountAsync()).ShouldBe(1, "a paper may still be given, but none is asked");

        // Only the declaration is uploaded; the submission goes through.
        await page.GetByLabel("Chọn tệp cho Tờ khai thay đổi thông tin cư trú (CT01)").SetInputFilesAsync(Pdf("to-khai-ct01.pdf"));
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Tải lên tệp cho Tờ khai thay đổi thông tin cư trú (CT01)" }), "da-tai-to-khai");
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }), "bien-nhan");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Nộp hồ sơ thành công");
        var code = (await page.Locator(".submission-code").InnerTextAsync()).Trim();

        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Components).SingleAsync(d => d.Code == code, Ct));
        (dossier.IdentityCheck, dossier.Applicant.FullName, dossier.Applicant.BirthDate).ShouldBe((IdentityCheck.ElectronicIdentity, name, new DateOnly(1995, 3, 12)));
        var residence = dossier.Components.Single(c => c.RequirementCode == "CHO_O");
        (residence.FromPopulationDatabase, residence.Reused).ShouldBe((true, true));
        dossier.ConnectedDatabases.ShouldBe([IdentityChecks.PopulationDatabaseCode]);

        // The desk sees it verified with VNeID and the proof of residence taken from the population database.
        var desk = await journey.SignInAsync("desk");
        await desk.GotoAsync($"/office/reception/online/{dossier.Id}", "kiem-tra-truc-tuyen");
        var seen = await desk.BodyTextAsync();
        seen.ShouldContain("Giấy tờ chứng minh chỗ ở hợp pháp");
        seen.ShouldContain("Lấy từ CSDL quốc gia về dân cư, không cần giấy tờ");
        seen.ShouldContain("Đã xác thực qua VNeID");
    }
}
