using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Certification;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Certification;

/// <summary>Chứng thực bản sao điện tử từ bản chính at the desk in one sitting (docs/adr/0033e), through the API the desk
/// page shares: the fee from the pages read in the PDF, refusals that receive nothing, the book's numbers, the dossier
/// returned with its history, the copy in the applicant's data store, the certification text in the copy.</summary>
public sealed class CertifiedCopyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _people;

    /// <summary>A readable PDF of <paramref name="pages"/> A4 pages, as a scanner makes.</summary>
    public static byte[] Scan(int pages)
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        for (var i = 0; i < pages; i++) document.AddPage();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static string NextIdNumber() => $"0011900{Interlocked.Increment(ref _people) + 10000:D5}";

    public static MultipartFormDataContent Form(byte[]? scan, string idNumber, bool compared = true, string fileName = "ban-chinh.pdf",
        string contentType = "application/pdf", string document = "Bằng tốt nghiệp trung học phổ thông")
    {
        var form = new MultipartFormDataContent();
        var request = new
        {
            procedureCode = "2.000815",
            applicant = new { kind = "Person", fullName = "Lê Văn Chứng", idNumber, phone = "0912345678", address = "Số 5 đường Hai" },
            documentName = document,
            comparedWithOriginal = compared,
        };
        form.Add(new StringContent(System.Text.Json.JsonSerializer.Serialize(request), Encoding.UTF8, "application/json"), CertifyAtDesk.RequestPart);
        if (scan is not null)
        {
            var file = new ByteArrayContent(scan);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, CertifyAtDesk.ScanPart, fileName);
        }
        return form;
    }

    private static async Task<CertifyAtDesk.Response> CertifyAsync(HttpClient desk, int pages, string? idNumber = null)
    {
        using var response = await desk.PostAsync("/api/certified-copies", Form(Scan(pages), idNumber ?? NextIdNumber()), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<CertifyAtDesk.Response>(TestJson.Options, Ct))!;
    }

    [Theory]
    [InlineData(1, 2_000)]
    [InlineData(2, 4_000)]
    [InlineData(3, 5_000)]
    [InlineData(10, 12_000)]
    [InlineData(250, 200_000)]
    public async Task ThePagesOfThePdf_SetTheFee_WhichIsTakenInCash(int pages, long fee)
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var done = await CertifyAsync(desk, pages);

        (done.Pages, done.Fee, done.Status).ShouldBe((pages, fee, DossierStatus.Returned));
        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == done.DossierId, Ct));
        (dossier.FeesOwed, dossier.AmountPaid).ShouldBe((fee, fee));
        dossier.Payments.ShouldHaveSingleItem().Method.ShouldBe(PaymentMethod.Desk);
        var entry = await app.WithDbAsync(db => db.Set<CertifiedCopy>().AsNoTracking().SingleAsync(c => c.DossierId == done.DossierId, Ct));
        (entry.Pages, entry.Fee, entry.Number).ShouldBe((pages, fee, done.Number));
    }

    [Fact]
    public async Task OneSitting_LeavesTheDossierReturnedOnTime_WithItsHistory_AndTheCopyInTheApplicantsStore()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var idNumber = NextIdNumber();

        var done = await CertifyAsync(desk, 2, idNumber);

        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Results).Include(d => d.Files).Include(d => d.Components)
            .SingleAsync(d => d.Id == done.DossierId, Ct));
        dossier.Status.ShouldBe(DossierStatus.Returned);
        dossier.ReturnMethod.ShouldBe(ReturnMethod.Electronic);
        Timeliness.Of(dossier).IsLate(app.Clock.GetUtcNow().UtcDateTime).ShouldBeFalse();
        dossier.Components.Single(c => c.RequirementCode == "BAN_SAO").Digitized.ShouldBeTrue();
        var result = dossier.Results.ShouldHaveSingleItem();
        (result.Number, result.ResultCode).ShouldBe((done.BookNumber, done.BookNumber));
        var events = await app.WithDbAsync(db => db.DossierEvents.AsNoTracking().Where(e => e.DossierId == done.DossierId).OrderBy(e => e.Sequence)
            .Select(e => new { e.Kind, e.ToStatus, e.ActorName }).ToListAsync(Ct));
        events.Select(e => e.Kind).ShouldBe(
        [
            DossierEventKind.Receive, DossierEventKind.AttachFile, DossierEventKind.Payment, DossierEventKind.StartProcessing,
            DossierEventKind.Decide, DossierEventKind.AttachResult, DossierEventKind.ReturnResult,
        ]);
        events[^1].ToStatus.ShouldBe(DossierStatus.Returned);
        events.ShouldAllBe(e => e.ActorName == "Cán bộ desk");

        // The scan of the original as a digitized paper, and the certified copy once, as a certified copy (not again as a result).
        var documents = await app.WithDbAsync(db => db.CitizenDocuments.AsNoTracking().Where(d => d.OwnerIdNumber == idNumber && d.SourceDossierId == done.DossierId).ToListAsync(Ct));
        documents.Select(d => d.Kind).ShouldBe([CitizenDocumentKind.Component, CitizenDocumentKind.CertifiedCopy], ignoreOrder: true);
        var document = documents.Single(d => d.Kind == CitizenDocumentKind.CertifiedCopy);
        document.Kind.ShouldBe(CitizenDocumentKind.CertifiedCopy);
        (document.StoredFileId, document.DocumentNumber).ShouldBe((done.CopyFileId, done.BookNumber));
        var entry = await app.WithDbAsync(db => db.Set<CertifiedCopy>().AsNoTracking().SingleAsync(c => c.DossierId == done.DossierId, Ct));
        (entry.UnitId, entry.Year, entry.CertifierName).ShouldBe((world.CommuneId, 2026, "Cán bộ desk"));
    }

    [Fact]
    public async Task TheCopy_CarriesTheCertificationText_AndTheBookNumber()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var done = await CertifyAsync(desk, 3);

        var bytes = await app.WithServiceAsync<FileStore, byte[]>(async store =>
        {
            var file = await app.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == done.CopyFileId, Ct));
            await using var stream = store.OpenRead(file);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            return copy.ToArray();
        });

        using var pdf = PdfDocument_Open(bytes);
        pdf.NumberOfPages.ShouldBe(4); // the three pages of the copy and the certification page
        var last = string.Join(" ", pdf.GetPage(4).GetWords().Select(w => w.Text));
        last.ShouldContain("CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH");
        last.ShouldContain(done.BookNumber);
        last.ShouldContain("Cán bộ desk");
        var first = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        first.ShouldContain(done.BookNumber);
        // Signed in the certifier's name (PAdES), checked by a reader of its own: PdfPig for the dictionary, SignedCms for the CMS.
        done.SignedDigitally.ShouldBeTrue();
        var signature = MotCua.Tests.Features.Signatures.IndependentCheck.Read(bytes);
        signature.SubFilter.ShouldBe("ETSI.CAdES.detached");
        signature.Cms.SignerInfos[0].Certificate!.Subject.ShouldContain("desk", Case.Insensitive);
    }

    private static UglyToad.PdfPig.PdfDocument PdfDocument_Open(byte[] bytes) => UglyToad.PdfPig.PdfDocument.Open(bytes);

    [Fact]
    public async Task TwoCertificationsAtOnce_TakeTwoNumbers_OneAfterTheOther()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var other = await app.ClientAsAsync("desk");

        var both = await Task.WhenAll(CertifyAsync(desk, 1), CertifyAsync(other, 1));

        var numbers = both.Select(b => b.Number).Order().ToList();
        numbers[1].ShouldBe(numbers[0] + 1);
        var book = await app.WithDbAsync(db => db.Set<CertifiedCopy>().AsNoTracking().OrderBy(c => c.Number).Select(c => c.Number).ToListAsync(Ct));
        book.ShouldBe(Enumerable.Range(1, book.Count).ToList(), "the book has no gap and no number twice");
    }

    public static TheoryData<string, bool, byte[]?, string, string> Refusals() => new()
    {
        { "không đối chiếu", false, Scan(1), "ban-chinh.pdf", "Đã đối chiếu với bản chính" },
        { "không phải PDF", true, Encoding.UTF8.GetBytes("không phải bản quét"), "ban-chinh.txt", "không phải PDF" },
        { "tệp rỗng", true, [], "ban-chinh.pdf", "rỗng" },
        { "không có tệp", true, null, "", "Chưa chọn tệp" },
        { "PDF hỏng", true, Encoding.ASCII.GetBytes("%PDF-1.4\nhỏng"), "ban-chinh.pdf", "Không đọc được tệp PDF" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedCertification_ReceivesNothing(string why, bool compared, byte[]? scan, string fileName, string message)
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var idNumber = NextIdNumber();

        using var response = await desk.PostAsync("/api/certified-copies", Form(scan, idNumber, compared, fileName, "application/pdf"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, why);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(message);
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == idNumber, Ct))).ShouldBe(0, why);
    }

    [Fact]
    public async Task OnlyTheDesk_Certifies()
    {
        await app.SeedWorldAsync();
        using (var anonymous = await app.CreateClient().PostAsync("/api/certified-copies", Form(Scan(1), NextIdNumber()), Ct))
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var specialist = await app.ClientAsAsync("specialist");
        using var refused = await specialist.PostAsync("/api/certified-copies", Form(Scan(1), NextIdNumber()), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnotherProcedure_IsNotCertifiedHere()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var form = Form(Scan(1), NextIdNumber());
        var json = await form.First().ReadAsStringAsync(Ct);
        form = new MultipartFormDataContent
        {
            { new StringContent(json.Replace("2.000815", "1.004222", StringComparison.Ordinal), Encoding.UTF8, "application/json"), CertifyAtDesk.RequestPart },
        };
        var file = new ByteArrayContent(Scan(1));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, CertifyAtDesk.ScanPart, "a.pdf");
        using var response = await desk.PostAsync("/api/certified-copies", form, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task TheBook_ListsTheCertifications_ForTheUnitsOfficials_AndExportsToExcel()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var done = await CertifyAsync(desk, 5);
        var office = await OfficeClient.SignInAsync(app, "leader");

        var page = await office.GetPageAsync($"/office/certification/book?year=2026&unit={world.CommuneId}");
        var row = page.QuerySelectorAll("#certification-book tbody tr").Single(r => r.TextContent.Contains(done.BookNumber, StringComparison.Ordinal));
        row.TextContent.ShouldContain("Lê Văn Chứng");
        row.TextContent.ShouldContain("Đã ký số");
        var xlsx = await office.Http.GetAsync($"/office/certification/book?handler=Export&year=2026&unit={world.CommuneId}", Ct);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe(MotCua.Web.Features.Forms.XlsxWriter.ContentType);

        var stranger = await OfficeClient.SignInAsync(app, "desk.other");
        (await stranger.Http.GetAsync($"/office/certification/book?year=2026&unit={world.CommuneId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheSignedCopy_CountsFor63_AndACopyWithoutItsSignatureDoesNot()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var done = await CertifyAsync(desk, 1);
        done.SignedDigitally.ShouldBeTrue();
        var admin = await app.ClientAsAsync("admin");
        async Task<IndicatorResult> Indicator63() => (await admin.GetFromJsonAsync<GetScorecard.Result>(
            $"/api/scorecard?unit={world.CommuneCode}&from=2026-11-01&to=2026-11-30", TestJson.Options, Ct))!
            .Groups.SelectMany(g => g.Indicators).Single(i => i.Id == "6.3");
        var signed = await Indicator63();
        signed.Numerator!.Value.ShouldBeGreaterThan(0);

        // A copy certified before signing was available (no signature time) is a lost point, not an electronic copy.
        await app.WithDbAsync(db => db.Set<CertifiedCopy>().Where(c => c.DossierId == done.DossierId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SignedAtUtc, (DateTime?)null), Ct));
        var unsigned = await Indicator63();
        unsigned.Numerator!.Value.ShouldBe(signed.Numerator.Value - 1);
        unsigned.Denominator.ShouldBe(signed.Denominator);
    }

    [Fact]
    public async Task TheCertifiedCopy_IsInTheApplicantsDataStore_OnThePortal()
    {
        await app.SeedWorldAsync();
        var person = await TrackingArrange.CitizenAsync(app, "Phan Thị Bản Sao", NextIdNumber(), "0913" + Random.Shared.Next(100000, 999999), verified: true);
        var desk = await app.ClientAsAsync("desk");
        var done = await CertifyAsync(desk, 1, person.IdNumber);

        var citizen = await TrackingArrange.SignInAsync(app, person);
        var store = await citizen.GetPageAsync("/kho-du-lieu");
        store.Body!.TextContent.ShouldContain("Bản sao điện tử có chứng thực");
        store.Body.TextContent.ShouldContain("Bằng tốt nghiệp trung học phổ thông");
        store.Body.TextContent.ShouldContain(done.BookNumber);
    }
}
