using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Forms;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;
using UglyToad.PdfPig;
using static MotCua.Tests.Pages.Office.Forms.FormsJourney;

namespace MotCua.Tests.Pages.Office.Forms;

/// <summary>Forms 01–07 as PDF files (read back with PdfPig), filed with the dossier at their events by the jobs
/// table, and the withdrawal's request document at the desk and online.</summary>
public sealed class FormFilesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] NotarisedLease = ["Hợp đồng thuê nhà có công chứng"];
    private static readonly string[] Lease = ["Hợp đồng thuê nhà"];

    private Task<JobRunSummary> RunJobsAsync() => app.Services.GetRequiredService<JobRunner>().RunDueAsync(Ct);

    /// <summary>The text of every page, words joined by one space, NFC; and the PDF embeds Noto Sans (a font file, not a name).</summary>
    private static string ReadPdf(byte[] bytes)
    {
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        using var pdf = PdfDocument.Open(bytes);
        var letters = pdf.GetPages().SelectMany(p => p.Letters).ToList();
        letters.ShouldNotBeEmpty();
        letters.ShouldAllBe(l => (l.FontName ?? "").Contains("Noto Sans"));
        Encoding.Latin1.GetString(bytes).ShouldContain("/FontFile2");
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)).Normalize(NormalizationForm.FormC);
        text.ShouldNotContain("\uFFFD");
        return text;
    }

    private static async Task<string> PdfTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url + " " + await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return ReadPdf(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    private static async Task PostWithdrawAsync(HttpClient client, Guid id, string reason, byte[]? file, string fileName, HttpStatusCode expected, string? message = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(reason), "reason" } };
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", fileName);
        }
        var response = await client.PostAsync($"/api/dossiers/{id}/withdraw", form, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, body);
        if (message is not null) body.ShouldContain(message);
    }

    private Task<List<DossierFile>> FormFilesAsync(Guid id) =>
        app.WithDbAsync(db => db.Set<DossierFile>().AsNoTracking().Where(f => f.DossierId == id && f.Purpose == DossierFilePurpose.Form)
            .OrderBy(f => f.EventSequence).ToListAsync());

    /// <summary>The stored bytes of a filed form, read from the file store through its row.</summary>
    private async Task<byte[]> BytesAsync(DossierFile file)
    {
        var stored = await app.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(s => s.Id == file.StoredFileId));
        await using var stream = app.Services.GetRequiredService<FileStore>().OpenRead(stored);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        copy.Length.ShouldBe(stored.Length);
        return copy.ToArray();
    }

    [Fact]
    public async Task EachFormsPdf_CarriesItsTitleTheCodeAndTheApplicant_InEmbeddedNotoSans()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var desk = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var received = await ReceiveAsync(desk);
        var id = received.Id;

        var receipt = await PdfTextAsync(desk, $"/api/dossiers/{id}/forms/01.pdf");
        receipt.ShouldContain(ReceiptForm.Title);
        receipt.ShouldContain(received.Code);
        receipt.ShouldContain(FormsJourney.Applicant);
        receipt.ShouldContain("ỦY BAN NHÂN DÂN PHƯỜNG MỘT");
        receipt.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        receipt.ShouldContain("Một, ngày 17 tháng 11 năm 2026");
        receipt.ShouldContain("09:00 ngày 26/11/2026");
        receipt.ShouldContain($"Mã tra cứu: {received.LookupCode}");

        await PostAsync(desk, $"/api/dossiers/{id}/supplement-requests", new { reason = "Hợp đồng thuê nhà chưa được công chứng", missingItems = NotarisedLease });
        var supplement = await PdfTextAsync(desk, $"/api/dossiers/{id}/forms/02.pdf");
        supplement.ShouldContain(SupplementForm.Title);
        supplement.ShouldContain(received.Code);
        supplement.ShouldContain("Hợp đồng thuê nhà chưa được công chứng");

        var other = await ReceiveAsync(desk);
        await PostAsync(leader, $"/api/dossiers/{other.Id}/apology", new { reason = "Chờ xác minh nơi cư trú", newDueAtUtc = Iso(Tuesday17.AddDays(20)) });
        var apology = await PdfTextAsync(leader, $"/api/dossiers/{other.Id}/forms/04.pdf");
        apology.ShouldContain("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN");
        apology.ShouldContain(other.Code);
        apology.ShouldContain(FormsJourney.Applicant);
        await PostAsync(leader, $"/api/dossiers/{other.Id}/stop", new { reason = "Bà Đỗ Thị Hoa có đơn đề nghị dừng giải quyết" });
        var stop = await PdfTextAsync(desk, $"/api/dossiers/{other.Id}/forms/05.pdf");
        stop.ShouldContain(StopForm.Title);
        stop.ShouldContain(other.Code);
        stop.ShouldContain("Bà Đỗ Thị Hoa có đơn đề nghị dừng giải quyết");

        var (refusedId, refusedCode) = await RefuseAtDeskAsync(app, world, "Hồ sơ thuộc thẩm quyền của Xã Hai");
        var refusal = await PdfTextAsync(desk, $"/api/dossiers/{refusedId}/forms/03.pdf");
        refusal.ShouldContain(RefusalForm.Title);
        refusal.ShouldContain(refusedCode);
        refusal.ShouldContain(FormsJourney.Applicant);
        refusal.ShouldContain("Hồ sơ thuộc thẩm quyền của Xã Hai");

        var slip = await PdfTextAsync(desk, $"/api/dossiers/{id}/forms/06.pdf");
        slip.ShouldContain(ControlSlipForm.Title);
        slip.ShouldContain(received.Code);
        slip.ShouldContain(FormsJourney.Applicant);

        var register = await PdfTextAsync(desk, "/api/forms/07.pdf?from=2026-11-17&to=2026-11-17");
        register.ShouldContain(RegisterForm.Title);
        register.ShouldContain(FormsJourney.Applicant);
        // Each dossier code of the day whole, as one word: the code column never cuts a code (docs/adr/0034b).
        string[] codes = [received.Code, other.Code];
        var words = register.Split(' ');
        foreach (var code in codes) words.ShouldContain(code);
        var elsewhere = await PdfTextAsync(await app.ClientAsAsync("desk.other"), "/api/forms/07.pdf?from=2026-11-17&to=2026-11-17");
        elsewhere.ShouldNotContain(FormsJourney.Applicant);
        (await desk.GetAsync("/api/forms/07.pdf?from=2026-10-01&to=2026-11-17", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The office page offers the same file.
        var pages = await OfficeClient.SignInAsync(app, "desk");
        var page = await GetFormAsync(pages, $"/office/forms/01/{id}");
        page.Document.QuerySelector("a.pdf-link")!.GetAttribute("href").ShouldBe($"/office/forms/01/{id}/pdf");
        var download = await pages.Http.GetAsync($"/office/forms/01/{id}/pdf", Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        ReadPdf(await download.Content.ReadAsByteArrayAsync(Ct)).ShouldContain(received.Code);
    }

    [Fact]
    public async Task FormPdfs_OutsideTheOfficialsUnits_AreAPlain404_AndAnonymousIs401()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var received = await ReceiveAsync(await app.ClientAsAsync("desk"));
        var other = await app.ClientAsAsync("desk.other");

        foreach (var form in new[] { "01", "02", "03", "04", "05", "06" })
        {
            var response = await other.GetAsync($"/api/dossiers/{received.Id}/forms/{form}.pdf", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, form);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Không tìm thấy hồ sơ");
        }
        (await other.GetAsync($"/api/dossiers/{Guid.NewGuid()}/forms/01.pdf", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var otherPages = await OfficeClient.SignInAsync(app, "desk.other");
        (await otherPages.Http.GetAsync($"/office/forms/01/{received.Id}/pdf", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The dossier's own official: a form that does not apply yet says why.
        var notYet = await (await app.ClientAsAsync("desk")).GetAsync($"/api/dossiers/{received.Id}/forms/03.pdf", Ct);
        notYet.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await notYet.Content.ReadAsStringAsync(Ct)).ShouldContain("không bị từ chối tiếp nhận");

        var anonymous = app.CreateClient();
        (await anonymous.GetAsync($"/api/dossiers/{received.Id}/forms/01.pdf", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/forms/07.pdf", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EachEvent_FilesItsFormAsAPdfOfTheDossier_Once()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var desk = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var received = await ReceiveAsync(desk);
        await PostAsync(desk, $"/api/dossiers/{received.Id}/supplement-requests", new { reason = "Thiếu hợp đồng thuê nhà", missingItems = Lease });
        var other = await ReceiveAsync(desk);
        await PostAsync(leader, $"/api/dossiers/{other.Id}/apology", new { reason = "Chờ xác minh", newDueAtUtc = Iso(Tuesday17.AddDays(20)) });
        await PostAsync(leader, $"/api/dossiers/{other.Id}/stop", new { reason = "Người nộp đề nghị dừng" });
        var (refusedId, refusedCode) = await RefuseAtDeskAsync(app, world, "Không thuộc thẩm quyền");
        (await FormFilesAsync(received.Id)).ShouldBeEmpty();

        await RunJobsAsync();
        await RunJobsAsync();

        var first = await FormFilesAsync(received.Id);
        first.Select(f => (f.Form, f.EventSequence is not null)).ShouldBe([(DossierForm.Receipt, true), (DossierForm.Supplement, true)]);
        ReadPdf(await BytesAsync(first[0])).ShouldContain(ReceiptForm.Title);
        ReadPdf(await BytesAsync(first[1])).ShouldContain("Thiếu hợp đồng thuê nhà");
        first[0].FileName.ShouldBe($"mau-01-giay-tiep-nhan-{received.Code}.pdf");
        var second = await FormFilesAsync(other.Id);
        second.Select(f => f.Form).ShouldBe([DossierForm.Receipt, DossierForm.Apology, DossierForm.Stop]);
        ReadPdf(await BytesAsync(second[2])).ShouldContain("Người nộp đề nghị dừng");
        var refused = (await FormFilesAsync(refusedId)).ShouldHaveSingleItem();
        refused.Form.ShouldBe(DossierForm.Refusal);
        var refusalText = ReadPdf(await BytesAsync(refused));
        refusalText.ShouldContain(refusedCode);
        refusalText.ShouldContain("Không thuộc thẩm quyền");

        // Filing is no act of anyone: the revision an official's page holds is still current.
        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == other.Id));
        dossier.Revision.ShouldBe(second.Max(f => f.EventSequence!.Value));
        var jobs = await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == ProduceForm.Kind && j.Payload.Contains(other.Id.ToString())).ToListAsync());
        jobs.Count.ShouldBe(3);
        jobs.ShouldAllBe(j => j.State == JobState.Succeeded);

        // The dossier page lists them with the other files.
        var pages = await OfficeClient.SignInAsync(app, "desk");
        var html = await pages.Http.GetStringAsync($"/office/dossiers/{other.Id}", Ct);
        foreach (var f in second) html.ShouldContain($"/office/files/{f.Id}");
    }

    [Fact]
    public async Task WithdrawAtTheDesk_WithoutTheSignedRequest_Is422_WithIt_FilesTheRequest()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk);
        var before = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));

        await PostWithdrawAsync(desk, received.Id, "Người nộp không còn nhu cầu", null, "", HttpStatusCode.UnprocessableEntity, "đơn đề nghị rút hồ sơ có chữ ký");
        await PostWithdrawAsync(desk, received.Id, "Người nộp không còn nhu cầu", "không phải PDF"u8.ToArray(), "don.pdf", HttpStatusCode.UnprocessableEntity);
        var unchanged = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        (unchanged.Status, unchanged.Revision).ShouldBe((before.Status, before.Revision));
        (await app.WithDbAsync(db => db.Set<DossierFile>().CountAsync(f => f.DossierId == received.Id))).ShouldBe(0);

        await PostWithdrawAsync(desk, received.Id, "Người nộp không còn nhu cầu", TestPdf.OnePage, "don-rut-ho-so.pdf", HttpStatusCode.OK);
        await RunJobsAsync();

        var withdrawn = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).SingleAsync(d => d.Id == received.Id));
        withdrawn.Status.ShouldBe(DossierStatus.Withdrawn);
        withdrawn.History.MaxBy(e => e.Sequence)!.Description.ShouldContain("kèm đơn đề nghị rút hồ sơ \"don-rut-ho-so.pdf\"");
        var files = await FormFilesAsync(received.Id);
        var request = files.Single(f => f.Form == DossierForm.WithdrawalRequest);
        request.FileName.ShouldBe("don-rut-ho-so.pdf");
        request.EventSequence.ShouldBe(withdrawn.Revision);
        (await BytesAsync(request)).ShouldBe(TestPdf.OnePage);
        // The signed paper is the document: the job produces no second one.
        files.Count(f => f.Form == DossierForm.WithdrawalRequest).ShouldBe(1);
    }

    /// <summary>A 1×1 PNG (signature, IHDR, IDAT, IEND with their CRCs) and a JFIF JPEG ending with its end-of-image marker.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, .. new byte[64], 0xFF, 0xD9];

    [Theory]
    [InlineData("don-rut-ho-so.png", "image/png")]
    [InlineData("don-rut-ho-so.jpg", "image/jpeg")]
    public async Task WithdrawAtTheDesk_AScannedImageOfTheRequest_IsFiledAsTheRequestDocument(string fileName, string contentType)
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk);
        var image = contentType == "image/png" ? Png : Jpeg;

        await PostWithdrawAsync(desk, received.Id, "Người nộp chuyển nơi ở", image, fileName, HttpStatusCode.OK);
        await RunJobsAsync();

        var withdrawn = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        withdrawn.Status.ShouldBe(DossierStatus.Withdrawn);
        var request = (await FormFilesAsync(received.Id)).Where(f => f.Form == DossierForm.WithdrawalRequest).ShouldHaveSingleItem();
        (request.FileName, request.EventSequence).ShouldBe((fileName, withdrawn.Revision));
        var stored = await app.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == request.StoredFileId));
        stored.ContentType.ShouldBe(contentType);
        (await BytesAsync(request)).ShouldBe(image);
    }

    [Theory]
    [InlineData("don-rut-ho-so.txt")]
    [InlineData("don-rut-ho-so.docx")]
    public async Task WithdrawAtTheDesk_ARequestThatIsNeitherAPdfNorAnImage_Is422_AndChangesNothing(string fileName)
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk);
        var before = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        var storedBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync());
        var content = fileName.EndsWith(".docx", StringComparison.Ordinal) ? WordDocument() : "Tôi xin rút hồ sơ."u8.ToArray();

        await PostWithdrawAsync(desk, received.Id, "Người nộp chuyển nơi ở", content, fileName, HttpStatusCode.UnprocessableEntity,
            fileName.EndsWith(".docx", StringComparison.Ordinal) ? "PDF, JPEG hoặc PNG" : "không phải PDF");

        var after = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id));
        (after.Status, after.Revision).ShouldBe((before.Status, before.Revision));
        (await app.WithDbAsync(db => db.Set<DossierFile>().CountAsync(f => f.DossierId == received.Id && f.Form == DossierForm.WithdrawalRequest))).ShouldBe(0);
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync())).ShouldBe(storedBefore);
    }

    /// <summary>A valid Word document (.docx): accepted for components, refused as a signed request.</summary>
    private static byte[] WordDocument()
    {
        using var output = new MemoryStream();
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(output, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("Đơn xin rút hồ sơ")))));
        }
        return output.ToArray();
    }

    [Fact]
    public async Task WithdrawOnline_ProducesTheApplicantsRequestDocument()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var me = await TrackingArrange.CitizenAsync(app, "Lâm Thị Rút", "001190000733", "0912340733");
        var dossier = await TrackingArrange.SubmitAsync(app, world, me);
        await TrackingArrange.ReceiveAsync(app, dossier.Id);
        var citizen = await TrackingArrange.SignInAsync(app, me);
        var page = await citizen.GetPageAsync(TrackingArrange.Url(dossier.Code!));
        var revision = TrackingArrange.RevisionIn(page, "Withdraw");
        var response = await TrackingArrange.PostActionAsync(citizen, dossier.Code!, "Withdraw",
            new() { ["revision"] = revision, ["reason"] = "Tôi đã chuyển nơi ở khác", ["confirmed"] = "true" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await RunJobsAsync();

        var request = (await FormFilesAsync(dossier.Id)).Single(f => f.Form == DossierForm.WithdrawalRequest);
        var text = ReadPdf(await BytesAsync(request));
        text.ShouldContain(WithdrawalRequestForm.Title);
        text.ShouldContain(dossier.Code!);
        text.ShouldContain("Lâm Thị Rút");
        text.ShouldContain("Tôi đã chuyển nơi ở khác");
        text.ShouldContain("Trung tâm Phục vụ hành chính công phường Một");
    }
}
