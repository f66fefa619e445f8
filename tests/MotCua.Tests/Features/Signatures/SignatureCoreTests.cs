using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Infrastructure;
using UglyToad.PdfPig;
using UglyToad.PdfPig.AcroForms.Fields;
using UglyToad.PdfPig.Tokens;

namespace MotCua.Tests.Features.Signatures;

/// <summary>The PAdES signer and the verifier. Every produced signature is checked by an independent reader first
/// (<see cref="IndependentCheck"/>: PdfPig for the PDF, SignedCms for the CMS), then by our verifier.</summary>
public sealed class SignatureCoreTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<SignedPdf> SignAsync(byte[] pdf, string name = "Nguyễn Văn Lãnh Đạo", Guid? official = null, Guid? seal = null) =>
        app.WithServiceAsync<IDocumentSigner, SignedPdf>(s => s.SignAsync(pdf,
            new SigningRequest(official ?? Guid.NewGuid(), name, "Phó Chủ tịch", "UBND phường Một", "Phê duyệt kết quả giải quyết", SealOfUnitId: seal), Ct));

    private Task<VerificationResult> VerifyAsync(byte[] pdf) =>
        app.Services.GetRequiredService<SignatureVerifier>().VerifyAsync(pdf, Ct);

    [Fact]
    public async Task Sign_ProducesAnIncrementalPadesSignature_ThatAnIndependentReaderVerifies()
    {
        var original = SamplePdf.Make("Giấy xác nhận cư trú");
        var signed = await SignAsync(original);

        signed.Pdf.AsSpan(0, original.Length).SequenceEqual(original).ShouldBeTrue("an incremental update keeps the original bytes");
        var signature = IndependentCheck.Read(signed.Pdf);
        signature.SubFilter.ShouldBe("ETSI.CAdES.detached");
        signature.Cms.SignerInfos[0].Certificate!.GetNameInfo(X509NameType.SimpleName, false).ShouldBe("Nguyễn Văn Lãnh Đạo");
        signature.Cms.SignerInfos[0].DigestAlgorithm.Value.ShouldBe("2.16.840.1.101.3.4.2.1");
        signature.Cms.SignerInfos[0].SignedAttributes.Cast<CryptographicAttributeObject>().Select(a => a.Oid.Value)
            .ShouldContain("1.2.840.113549.1.9.16.2.47");
        signature.SigningTime.ShouldBe(new DateTimeOffset(2026, 11, 17, 9, 0, 0, TimeSpan.FromHours(7)));
        signature.AppearanceFontIsEmbedded.ShouldBeTrue();

        using var document = PdfDocument.Open(signed.Pdf);
        document.NumberOfPages.ShouldBe(1);
        document.GetPage(1).Text.ShouldContain("Giấy xác nhận cư trú");

        var verified = await VerifyAsync(signed.Pdf);
        verified.Status.ShouldBe(SignatureStatus.Valid);
        verified.Last!.SignerName.ShouldBe("Nguyễn Văn Lãnh Đạo");
        verified.Last.Issuer.ShouldStartWith("MotCua CA thử nghiệm");
        verified.Last.Label.ShouldBe("Chữ ký hợp lệ");
        (await VerifyAsync(original)).Status.ShouldBe(SignatureStatus.NotSigned);
    }

    [Fact]
    public async Task Tampered_AByteChangedInsideTheSignedRange_IsInvalid()
    {
        var signed = (await SignAsync(SamplePdf.Make("Quyết định số 12"))).Pdf;
        var range = IndependentCheck.Read(signed).ByteRange;
        var tampered = signed.ToArray();
        var at = (int)(range[1] / 2);
        tampered[at] = (byte)(tampered[at] == (byte)'a' ? 'b' : 'a');

        Should.Throw<CryptographicException>(() => IndependentCheck.Cms(tampered, range).CheckSignature(verifySignatureOnly: true));
        var verified = await VerifyAsync(tampered);
        verified.Status.ShouldBe(SignatureStatus.Invalid);
        verified.Last!.Label.ShouldBe("Tệp đã bị sửa sau khi ký");
    }

    [Fact]
    public async Task ContentAddedAfterSigning_IsInvalid()
    {
        var signed = (await SignAsync(SamplePdf.Make("Quyết định số 13"))).Pdf;
        var extended = signed.Concat("1 0 obj\n<< /Hidden true >>\nendobj\n"u8.ToArray()).ToArray();

        (await VerifyAsync(extended)).Status.ShouldBe(SignatureStatus.Invalid);
    }

    [Fact]
    public async Task SecondSignature_KeepsTheFirstValid_TheLeaderThenTheUnitSeal()
    {
        var byLeader = await SignAsync(SamplePdf.Make("Giấy phép số 7"));
        var stamped = await SignAsync(byLeader.Pdf, "Văn thư", seal: Guid.NewGuid());

        var verified = await VerifyAsync(stamped.Pdf);
        verified.Signatures.Count.ShouldBe(2);
        verified.Signatures.ShouldAllBe(s => s.Status == SignatureStatus.Valid);
        verified.Signatures[1].SignerName.ShouldBe("UBND phường Một");
        // Both verify independently: the first over the revision it signed, the second over the whole file.
        using var document = PdfDocument.Open(stamped.Pdf);
        document.TryGetForm(out var form).ShouldBeTrue();
        form.Fields.OfType<AcroSignatureField>().Count().ShouldBe(2);
        foreach (var range in IndependentCheck.Ranges(stamped.Pdf))
            IndependentCheck.Cms(stamped.Pdf, range).CheckSignature(verifySignatureOnly: true);
    }

    [Fact]
    public async Task ExpiredCertificate_IsReportedExpired()
    {
        var demo = app.Services.GetRequiredService<DemoCertificateAuthority>();
        var now = app.Clock.GetUtcNow();
        using var certificate = await demo.IssueAsync("Trần Hết Hạn", null, Ct, now.AddYears(-3), now.AddDays(-2));
        using var key = LocalSigningKey.FromCertificate(certificate, [X509CertificateLoader.LoadCertificate((await demo.RootAsync(Ct)).RawData)]);
        var signed = await PadesWriter.SignAsync(SamplePdf.Make("Văn bản"), key, new SignatureAppearance("Trần Hết Hạn", null, null, "Thử", now), Ct);

        IndependentCheck.Read(signed).Cms.CheckSignature(verifySignatureOnly: true);
        var verified = await VerifyAsync(signed);
        verified.Status.ShouldBe(SignatureStatus.Expired);
        verified.Last!.Label.ShouldBe("Chứng thư số hết hạn");
    }

    [Fact]
    public async Task CertificateOfAnUnknownIssuer_IsReportedUnknownIssuer()
    {
        var now = app.Clock.GetUtcNow();
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=CA la", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(now.AddYears(-1), now.AddYears(5));
        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=Người Lạ", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var leafPublic = leafRequest.Create(root, now.AddDays(-1), now.AddYears(1), [1, 2, 3, 4]);
        using var leaf = leafPublic.CopyWithPrivateKey(leafKey);
        using var key = LocalSigningKey.FromCertificate(leaf, [root]);
        var signed = await PadesWriter.SignAsync(SamplePdf.Make("Văn bản"), key, new SignatureAppearance("Người Lạ", null, null, "Thử", now), Ct);

        IndependentCheck.Read(signed).Cms.CheckSignature(verifySignatureOnly: true);
        var verified = await VerifyAsync(signed);
        verified.Status.ShouldBe(SignatureStatus.UnknownIssuer);
        verified.Last!.Label.ShouldBe("Không rõ tổ chức cấp chứng thư");
    }

    [Fact]
    public async Task Signer_RefusesANonPdf_AndASecondSignatureBySameSigner()
    {
        var official = Guid.NewGuid();
        (await Should.ThrowAsync<DomainException>(() => SignAsync("not a pdf"u8.ToArray(), official: official)))
            .Message.ShouldContain("PDF");
        var once = await SignAsync(SamplePdf.Make("Văn bản"), official: official);
        (await Should.ThrowAsync<DomainException>(() => SignAsync(once.Pdf, official: official)))
            .Message.ShouldContain("đã được ký");
    }
}
