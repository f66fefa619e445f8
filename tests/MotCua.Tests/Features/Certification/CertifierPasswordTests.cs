using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Features.Signatures;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Certification;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Certification;

/// <summary>A certifier who uploaded their own PKCS#12 store gives its password on the certification page and in the
/// API (docs/adr/0034a): without it or with a wrong one the desk is told why in Vietnamese and nothing is received — no
/// dossier, no number of the book; with it, the copy is signed by that certificate.</summary>
public sealed class CertifierPasswordTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Password = "mat-khau-chung-thuc";
    private const string Url = "/office/reception/chung-thuc-ban-sao";
    private static int _people;

    private static string NextIdNumber() => $"0011950{Interlocked.Increment(ref _people) + 10000:D5}";

    /// <summary>The desk official's own store, valid for a year; removed again by the caller.</summary>
    private async Task<X509Certificate2> UploadOwnStoreAsync()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeDossiers.OfficialIdAsync(app, "desk");
        var demo = app.Services.GetRequiredService<DemoCertificateAuthority>();
        var now = app.Clock.GetUtcNow();
        var own = await demo.IssueAsync("Đỗ Văn Chứng Thực", "UBND xã", Ct, now.AddDays(-1), now.AddYears(1));
        await app.WithServiceAsync<MyCertificate.Handler, MyCertificate.View>(h => h.UploadForAsync(desk, own.Export(X509ContentType.Pkcs12, Password), Password, Ct));
        return own;
    }

    private async Task RemoveOwnStoreAsync()
    {
        var owner = (await OfficeDossiers.OfficialIdAsync(app, "desk")).ToString("N");
        await app.WithDbAsync(db => db.Set<SigningCredential>().Where(c => c.Owner == owner && c.Kind == SigningCredentialKind.OfficialPkcs12).ExecuteDeleteAsync(Ct));
    }

    private static MultipartFormDataContent ApiForm(string idNumber, string? password)
    {
        var request = new
        {
            procedureCode = "2.000815",
            applicant = new { kind = "Person", fullName = "Trần Văn Mật", idNumber, phone = "0912345678" },
            documentName = "Giấy chứng nhận quyền sử dụng đất",
            comparedWithOriginal = true,
            password,
        };
        var form = new MultipartFormDataContent
        {
            { new StringContent(System.Text.Json.JsonSerializer.Serialize(request), Encoding.UTF8, "application/json"), CertifyAtDesk.RequestPart },
        };
        var file = new ByteArrayContent(CertifiedCopyTests.Scan(2));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, CertifyAtDesk.ScanPart, "ban-chinh.pdf");
        return form;
    }

    private Task<(int Dossiers, int Book, int Files)> CountsAsync(string idNumber) => app.WithDbAsync(async db => (
        await db.Dossiers.CountAsync(d => d.Applicant.IdNumber == idNumber, Ct),
        await db.Set<CertifiedCopy>().CountAsync(Ct),
        await db.StoredFiles.CountAsync(Ct)));

    private async Task<byte[]> BytesAsync(Guid storedFileId)
    {
        var stored = await app.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == storedFileId, Ct));
        await using var content = app.Services.GetRequiredService<FileStore>().OpenRead(stored);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    [Fact]
    public async Task Api_WithoutOrWithAWrongPassword_Is422AndReceivesNothing_WithItTheCopyIsSignedByTheOwnCertificate()
    {
        using var own = await UploadOwnStoreAsync();
        try
        {
            var desk = await app.ClientAsAsync("desk");
            var idNumber = NextIdNumber();
            var before = await CountsAsync(idNumber);
            var lastNumber = await app.WithDbAsync(db => db.Set<CertifiedCopy>().MaxAsync(c => (int?)c.Number, Ct)) ?? 0;

            using var none = await desk.PostAsync("/api/certified-copies", ApiForm(idNumber, null), Ct);
            none.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await none.Content.ReadAsStringAsync(Ct)).ShouldContain("Hãy nhập mật khẩu chứng thư số");
            using var wrong = await desk.PostAsync("/api/certified-copies", ApiForm(idNumber, "sai-mat-khau"), Ct);
            wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("sai mật khẩu");
            (await CountsAsync(idNumber)).ShouldBe(before);

            using var right = await desk.PostAsync("/api/certified-copies", ApiForm(idNumber, Password), Ct);
            right.StatusCode.ShouldBe(HttpStatusCode.Created, await right.Content.ReadAsStringAsync(Ct));
            var done = (await right.Content.ReadFromJsonAsync<CertifyAtDesk.Response>(TestJson.Options, Ct))!;
            done.Number.ShouldBe(lastNumber + 1, "the refused attempts took no number of the book");
            done.SignedDigitally.ShouldBeTrue();
            var signed = IndependentCheck.Read(await BytesAsync(done.CopyFileId));
            signed.Cms.SignerInfos[0].Certificate!.Thumbprint.ShouldBe(own.Thumbprint);
            (await app.WithDbAsync(db => db.Set<FileSignature>().AsNoTracking().SingleAsync(f => f.StoredFileId == done.CopyFileId, Ct)))
                .Status.ShouldBe(SignatureStatus.Valid);
        }
        finally
        {
            await RemoveOwnStoreAsync();
        }
    }

    private static async Task<HttpResponseMessage> PostPageAsync(OfficeClient desk, string idNumber, string? password)
    {
        var page = await desk.GetPageAsync(Url);
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(page.QuerySelector("input[name=FormKey]")!.GetAttribute("value")!), "FormKey" },
            { new StringContent("2.000815"), "Input.ProcedureCode" },
            { new StringContent(idNumber), "Input.IdNumber" },
            { new StringContent("Trần Thị Trang"), "Input.FullName" },
            { new StringContent("Giấy khai sinh"), "Input.DocumentName" },
            { new StringContent("true"), "Input.Compared" },
        };
        if (password is not null) form.Add(new StringContent(password), "Input.Password");
        var file = new ByteArrayContent(CertifiedCopyTests.Scan(1));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Input.Scan", "giay-khai-sinh.pdf");
        return await desk.Http.PostAsync(Url + "?handler=certify", form, Ct);
    }

    [Fact]
    public async Task Page_AsksThePassword_SaysAWrongOneInVietnamese_AndCertifiesWithTheRightOne()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        // Without a store of their own the official is not asked.
        (await desk.GetPageAsync(Url)).QuerySelector("#certifier-password").ShouldBeNull();

        using var own = await UploadOwnStoreAsync();
        try
        {
            (await desk.GetPageAsync(Url)).QuerySelector("#certifier-password").ShouldNotBeNull();
            var idNumber = NextIdNumber();
            var before = await CountsAsync(idNumber);

            using var wrong = await PostPageAsync(desk, idNumber, "khong-dung");
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            var shown = await OfficeClient.ParseAsync(await wrong.Content.ReadAsStringAsync(Ct));
            shown.QuerySelector(".alert.error")!.TextContent.ShouldContain("sai mật khẩu");
            shown.QuerySelector("#certifier-password")!.GetAttribute("value").ShouldBeNull("the password is never written back");
            (await CountsAsync(idNumber)).ShouldBe(before);

            using var certified = await PostPageAsync(desk, idNumber, Password);
            certified.StatusCode.ShouldBe(HttpStatusCode.Redirect, await certified.Content.ReadAsStringAsync(Ct));
            var copy = await app.WithDbAsync(db => db.Set<CertifiedCopy>().AsNoTracking().Where(c => c.ApplicantIdNumber == idNumber).SingleAsync(Ct));
            IndependentCheck.Read(await BytesAsync(copy.CopyFileId!.Value)).Cms.SignerInfos[0].Certificate!.Thumbprint.ShouldBe(own.Thumbprint);
        }
        finally
        {
            await RemoveOwnStoreAsync();
        }
    }
}
