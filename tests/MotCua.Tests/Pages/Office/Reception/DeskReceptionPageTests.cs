using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Office.Reception.ReceptionForms;

namespace MotCua.Tests.Pages.Office.Reception;

/// <summary>The desk reception page through HTTP as the desk official uses it: pick the procedure, fill the
/// form, press one of its buttons; the response and the persisted dossier are both checked.</summary>
public sealed class DeskReceptionPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Residence = "1.004222";
    private const string Certification = "2.000815";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(IHtmlDocument Page, Dictionary<string, string> Fields)> OpenAsync(OfficeClient desk, string procedure)
    {
        var page = await desk.GetPageAsync($"/office/reception/desk?procedure={procedure}");
        return (page, FieldsOf(page, "#desk-form"));
    }

    private static void FillApplicant(Dictionary<string, string> fields, string idNumber, string name = "Nguyễn Thị Lan")
    {
        fields["Input.FullName"] = name;
        fields["Input.IdNumber"] = idNumber;
        fields["Input.Phone"] = "0912 345 678";
        fields["Input.Email"] = "lan@example.vn";
        fields["Input.Address"] = "Số 5, khu phố 3, phường Một";
    }

    private static void Tick(IHtmlDocument page, Dictionary<string, string> fields, params string[] codes)
    {
        foreach (var code in codes) fields[$"Input.Components[{RowOf(page, code)}].Received"] = "true";
    }

    private Task<int> CountAsync(string idNumber) =>
        app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == idNumber, Ct));

    /// <summary>The dossier id at the end of the redirect; on any other answer, the page's alert says why.</summary>
    private static async Task<Guid> RedirectedIdAsync(HttpResponseMessage response, string prefix)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
            throw new ShouldAssertException($"Expected a redirect to {prefix}, got {(int)response.StatusCode}: {page.QuerySelector("[role=alert]")?.TextContent}");
        }
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith(prefix);
        // Form 01 opens with ?in=1 (print on load) after "Tiếp nhận và in".
        return Guid.Parse(location[prefix.Length..].Split('?')[0]);
    }

    [Fact]
    public async Task Receive_WithAllComponentsAndOneScan_RedirectsToTheReceiptAndSavesADigitizedDossier()
    {
        var world = await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        FillApplicant(fields, "079190000101");
        // The old checkbox's field, posted by hand: it marks nobody verified (only a lookup does, docs/adr/0033c).
        fields["Input.IdentityVerified"] = "true";
        Tick(page, fields, "TK", "CHO_O");

        var response = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields,
            ($"Input.Components[{RowOf(page, "CHO_O")}].Scans", "hop-dong-thue-nha.pdf", Pdf));

        var id = await RedirectedIdAsync(response, "/office/forms/01/");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.Components).Include(d => d.Files).Include(d => d.History).SingleAsync(d => d.Id == id, Ct));
        (stored.Status, stored.Channel, stored.IdentityVerified, stored.FeesOwed).ShouldBe((DossierStatus.Received, Channel.Desk, false, 20_000L));
        stored.Code!.ShouldMatch($"^{Regex.Escape(world.CommuneCode)}-261117-\\d{{4}}$");
        stored.Applicant.FullName.ShouldBe("Nguyễn Thị Lan");
        stored.Applicant.Phone.ShouldBe("0912345678");
        stored.Components.Select(c => c.RequirementCode).ShouldBe(["TK", "CHO_O"], ignoreOrder: true);
        stored.Components.Single(c => c.RequirementCode == "CHO_O").Digitized.ShouldBeTrue();
        stored.Components.Single(c => c.RequirementCode == "TK").Digitized.ShouldBeFalse();
        stored.Files.Single().FileName.ShouldBe("hop-dong-thue-nha.pdf");
        stored.History.OrderBy(h => h.Sequence).Select(h => h.Kind.ToString()).ShouldBe(["Receive", "AttachFile"]);
        stored.History.OrderBy(h => h.Sequence).First().ActorName.ShouldBe("Cán bộ desk");
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.Id == stored.Files.Single().StoredFileId, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Receive_ByPost_KeepsThePostmarkAsTheSubmissionDate()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        FillApplicant(fields, "079190000102");
        fields["Input.Channel"] = "Postal";
        fields["Input.PostmarkDate"] = "2026-11-16";
        Tick(page, fields, "TK", "CHO_O");

        var id = await RedirectedIdAsync(await PostMultipartAsync(desk, ActionOf(page, "receive"), fields), "/office/forms/01/");

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == id, Ct));
        (stored.Channel, stored.PostmarkAtUtc, stored.SubmittedAtUtc).ShouldBe((Channel.Postal, TestClock.Vn(2026, 11, 16, 0), TestClock.Vn(2026, 11, 16, 0)));
        stored.ReceivedAtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Receive_ByPostWithoutPostmark_IsRefusedInVietnamese()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        FillApplicant(fields, "079190000103");
        fields["Input.Channel"] = "Postal";
        Tick(page, fields, "TK", "CHO_O");

        var response = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Hồ sơ qua bưu chính phải có ngày trên dấu bưu điện.");
        shown.QuerySelector<IHtmlInputElement>("input[name='Input.Channel'][value=Postal]")!.IsChecked.ShouldBeTrue();
        (await CountAsync("079190000103")).ShouldBe(0);
    }

    [Fact]
    public async Task Receive_WithARequiredComponentMissing_ShowsWhyKeepsTheValuesAndSavesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        FillApplicant(fields, "079190000104", "Trần Văn Minh");
        Tick(page, fields, "TK");
        var filesBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct));

        var response = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields,
            ($"Input.Components[{RowOf(page, "TK")}].Scans", "to-khai.pdf", Pdf));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        var alert = shown.QuerySelector("[role=alert]")!.TextContent;
        alert.ShouldContain("Hồ sơ còn thiếu: Giấy tờ chứng minh chỗ ở hợp pháp");
        alert.ShouldContain("chọn lại các tệp bản quét");
        shown.QuerySelector<IHtmlInputElement>("#full-name")!.Value.ShouldBe("Trần Văn Minh");
        shown.QuerySelector<IHtmlInputElement>($"input[name='Input.Components[{RowOf(page, "TK")}].Received']")!.IsChecked.ShouldBeTrue();
        (await CountAsync("079190000104")).ShouldBe(0);
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct))).ShouldBe(filesBefore);
    }

    [Fact]
    public async Task Receive_WithAScanThatIsNotReallyAPdf_ReceivesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        FillApplicant(fields, "079190000105");
        Tick(page, fields, "TK", "CHO_O");
        var filesBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct));

        var response = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields,
            ($"Input.Components[{RowOf(page, "TK")}].Scans", "to-khai.pdf", Pdf),
            ($"Input.Components[{RowOf(page, "CHO_O")}].Scans", "hop-dong.pdf", "MZ not a pdf"u8.ToArray()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Tệp \"hop-dong.pdf\" không phải PDF");
        (await CountAsync("079190000105")).ShouldBe(0);
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct))).ShouldBe(filesBefore);
    }

    [Fact]
    public async Task Search_WithoutDiacritics_FindsTheCertificationProcedure()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await desk.GetPageAsync("/office/reception/desk?q=chung+thuc+ban+sao");

        var link = page.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == $"/office/reception/desk?procedure={Certification}");
        link.Closest("tr")!.TextContent.ShouldContain("Chứng thực bản sao từ bản chính giấy tờ, văn bản");
        page.QuerySelectorAll("a[href*='procedure=']").Length.ShouldBe(1);
    }

    [Fact]
    public async Task ProcedureForm_ForCertification_ListsComponentsAndRecomputesFeesByPage()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Certification);
        page.QuerySelector("fieldset legend")!.TextContent.ShouldBe("Kênh tiếp nhận");
        page.QuerySelectorAll("fieldset legend").Select(l => l.TextContent).ShouldContain("Thành phần hồ sơ");
        page.QuerySelector(".reception-components")!.TextContent.ShouldContain("Bản chính để đối chiếu");
        page.QuerySelector(".fee-total")!.TextContent.ShouldBe("2.000 ₫");

        // Without JavaScript: "Tính phí" posts the form. 4 pages: 2 × 2.000 + 2 × 1.000 per copy, 2 copies.
        fields["Input.Copies"] = "2";
        fields["Input.PagesPerCopy"] = "4";
        fields["Input.IdNumber"] = "079190000106";
        var response = await PostMultipartAsync(desk, ActionOf(page, "fees"), fields);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector(".fee-total")!.TextContent.ShouldBe("12.000 ₫");
        shown.QuerySelector<IHtmlInputElement>("#id-number")!.Value.ShouldBe("079190000106");

        // With JavaScript: the same computation as a fragment.
        var fragment = await desk.Http.GetStringAsync($"/office/reception/desk?procedure={Certification}&handler=FeePreview&channel=Desk&copies=1&pages=300", Ct);
        (await OfficeClient.ParseAsync(fragment)).QuerySelector(".fee-total")!.TextContent.ShouldBe("200.000 ₫");
    }

    [Fact]
    public async Task Guide_WithMissingComponents_RedirectsToTheGuidanceSlipAndSavesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        fields["Input.FullName"] = "Phạm Thị Hoa";
        Tick(page, fields, "TK");

        var response = await PostMultipartAsync(desk, ActionOf(page, "guide"), fields);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe(
            $"/office/forms/02/guidance?procedure={Residence}&missing=CHO_O&name={Uri.EscapeDataString("Phạm Thị Hoa")}");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.FullName == "Phạm Thị Hoa", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Refuse_AtTheDesk_CreatesARefusedDossierWithTheReasonAndWhatWasHandedIn()
    {
        var world = await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        FillApplicant(fields, "079190000107");
        Tick(page, fields, "TK");
        fields["Input.RefusalReason"] = "Nơi đăng ký không thuộc địa bàn phường Một";

        var id = await RedirectedIdAsync(await PostMultipartAsync(desk, ActionOf(page, "refuse"), fields), "/office/forms/03/");

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.Components).Include(d => d.History).SingleAsync(d => d.Id == id, Ct));
        (stored.Status, stored.Channel, stored.FeesOwed).ShouldBe((DossierStatus.Refused, Channel.Desk, 0L));
        stored.Code!.ShouldMatch($"^{Regex.Escape(world.CommuneCode)}-261117-\\d{{4}}$");
        stored.RefusedAtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime);
        stored.Components.Select(c => c.RequirementCode).ShouldBe(["TK"]);
        var refusal = stored.History.Single();
        (refusal.Kind.ToString(), refusal.Reason).ShouldBe(("Refuse", "Nơi đăng ký không thuộc địa bàn phường Một"));
    }

    [Fact]
    public async Task Refuse_WithoutAReason_SaysSoAndSavesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        FillApplicant(fields, "079190000108");

        var response = await PostMultipartAsync(desk, ActionOf(page, "refuse"), fields);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Chưa nhập lý do từ chối.");
        (await CountAsync("079190000108")).ShouldBe(0);
    }

    [Fact]
    public async Task Lookup_ByPersonalIdNumber_FillsTheApplicantFromTheirLatestDossierInScope()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var (page, fields) = await OpenAsync(desk, Residence);
        FillApplicant(fields, "079190000109", "Hoàng Văn Đức");
        Tick(page, fields, "TK", "CHO_O");
        await RedirectedIdAsync(await PostMultipartAsync(desk, ActionOf(page, "receive"), fields), "/office/forms/01/");

        (page, fields) = await OpenAsync(desk, Certification);
        fields["Input.IdNumber"] = " 079190000109 ";
        var response = await PostMultipartAsync(desk, ActionOf(page, "lookup"), fields);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector<IHtmlInputElement>("#full-name")!.Value.ShouldBe("Hoàng Văn Đức");
        shown.QuerySelector<IHtmlInputElement>("#phone")!.Value.ShouldBe("0912345678");
        shown.QuerySelector<IHtmlInputElement>("#address")!.Value.ShouldBe("Số 5, khu phố 3, phường Một");
        shown.QuerySelector("[role=status]")!.TextContent.ShouldContain("Đã điền thông tin người nộp từ hồ sơ");

        // Another commune's desk does not see this citizen's data.
        var other = await OfficeClient.SignInAsync(app, "desk.other");
        var (otherPage, otherFields) = await OpenAsync(other, Certification);
        otherFields["Input.IdNumber"] = "079190000109";
        var elsewhere = await OfficeClient.ParseAsync(await (await PostMultipartAsync(other, ActionOf(otherPage, "lookup"), otherFields)).Content.ReadAsStringAsync(Ct));
        elsewhere.QuerySelector<IHtmlInputElement>("#full-name")!.Value.ShouldBeNullOrEmpty();
        elsewhere.QuerySelector("[role=status]")!.TextContent.ShouldContain("Chưa có hồ sơ nào");
    }

    [Fact]
    public async Task DeskPage_ForASpecialist_IsDenied()
    {
        await app.SeedWorldAsync();
        var specialist = await OfficeClient.SignInAsync(app, "specialist");

        var response = await specialist.Http.GetAsync("/office/reception/desk", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/office/denied");
    }
}
