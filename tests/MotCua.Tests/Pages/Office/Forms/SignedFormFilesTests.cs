using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Features.Signatures;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;
using static MotCua.Tests.Pages.Office.Forms.FormsJourney;

namespace MotCua.Tests.Pages.Office.Forms;

/// <summary>The filed forms an official signs are stamped with the unit's seal in the name of the official of the event
/// (docs/adr/0034b): the desk's Form 01 verifies valid with the commune's installed certificate.</summary>
public sealed class SignedFormFilesTests(AppFactory app) : IClassFixture<AppFactory>
{
    internal static async Task<byte[]> FiledAsync(AppFactory app, Guid dossierId, DossierForm form)
    {
        var file = await app.WithDbAsync(db => db.Set<DossierFile>().AsNoTracking()
            .SingleAsync(f => f.DossierId == dossierId && f.Purpose == DossierFilePurpose.Form && f.Form == form, Ct));
        var stored = await app.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(s => s.Id == file.StoredFileId, Ct));
        await using var stream = app.Services.GetRequiredService<FileStore>().OpenRead(stored);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    [Fact]
    public async Task AfterAReception_TheFiledForm01_IsSignedWithTheCommunesSeal_InTheDeskOfficialsName()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var now = app.Clock.GetUtcNow();
        // Installed on the commune: the desk (a centre inside it) stamps with the commune's seal.
        using var seal = await app.Services.GetRequiredService<DemoCertificateAuthority>().IssueAsync("Ủy ban nhân dân phường Một", "Phường Một", Ct,
            now.AddDays(-1), now.AddYears(2));
        await app.WithServiceAsync<UnitSeals.Handler, UnitSeals.View>(h =>
        {
            var pkcs12 = seal.Export(X509ContentType.Pkcs12, "con-dau");
            var form = new FormFile(new MemoryStream(pkcs12), 0, pkcs12.Length, "file", "con-dau.p12");
            return h.InstallAsync(world.CommuneId, form, "con-dau", Ct);
        });
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk);

        await app.Services.GetRequiredService<JobRunner>().RunDueAsync(Ct);

        var pdf = await FiledAsync(app, received.Id, DossierForm.Receipt);
        var check = IndependentCheck.Read(pdf);
        check.Cms.SignerInfos[0].Certificate!.Thumbprint.ShouldBe(seal.Thumbprint);
        var verified = await app.Services.GetRequiredService<SignatureVerifier>().VerifyAsync(pdf, Ct);
        verified.Status.ShouldBe(SignatureStatus.Valid);
        var text = string.Join(" ", UglyToad.PdfPig.PdfDocument.Open(pdf).GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        text.ShouldContain(received.Code, customMessage: "the form's own text is the first revision, unchanged");
        var file = await app.WithDbAsync(db => db.Set<DossierFile>().AsNoTracking()
            .SingleAsync(f => f.DossierId == received.Id && f.Form == DossierForm.Receipt, Ct));
        var recorded = await app.WithDbAsync(db => db.Set<FileSignature>().AsNoTracking().SingleAsync(f => f.StoredFileId == file.StoredFileId, Ct));
        (recorded.Status, recorded.SignerName).ShouldBe((SignatureStatus.Valid, seal.GetNameInfo(X509NameType.SimpleName, false)));
    }
}

/// <summary>A server with no key to stamp with: no demo CA, no seal, no remote signing.</summary>
public sealed class NoSealApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Signatures:DemoCertificateAuthority", "false");
    }
}

public sealed class UnsignedFormFilesTests(NoSealApp app) : IClassFixture<NoSealApp>
{
    [Fact]
    public async Task WithoutAnyKey_TheFormIsFiledUnsigned_AndTheJobSucceeds()
    {
        await app.SeedWorldAsync();
        app.Clock.Set(Tuesday17);
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk);

        await app.Services.GetRequiredService<JobRunner>().RunDueAsync(Ct);

        var pdf = await SignedFormFilesTests.FiledAsync(app, received.Id, DossierForm.Receipt);
        (await app.Services.GetRequiredService<SignatureVerifier>().VerifyAsync(pdf, Ct)).Status.ShouldBe(SignatureStatus.NotSigned);
        UglyToad.PdfPig.PdfDocument.Open(pdf).GetPage(1).GetWords().Select(w => w.Text).ShouldContain(received.Code);
        var job = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == ProduceForm.Kind && j.Payload.Contains(received.Id.ToString()), Ct));
        job.CompletedAtUtc.ShouldNotBeNull();
    }
}
