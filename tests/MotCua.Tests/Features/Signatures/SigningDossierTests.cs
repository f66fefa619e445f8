using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Signatures;

/// <summary>Who signs what, through the API: the leader's approval signs the draft, the clerk's issuance stamps the
/// result with the unit's seal, a desk official signs a digitized component; each signature is persisted with the file,
/// verified independently, and told in the dossier's history. Intruders are refused.</summary>
public sealed class SigningDossierTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _people;

    private static OfficeDossiers.Applicant Someone() =>
        new($"Phạm Văn Ký {Interlocked.Increment(ref _people)}", $"0011{Random.Shared.NextInt64(10_000_000, 99_999_999)}", "0912345678");

    private async Task<byte[]> BytesAsync(Guid? storedFileId)
    {
        var stored = await app.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == storedFileId, Ct));
        await using var content = app.Services.GetRequiredService<FileStore>().OpenRead(stored);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private Task<Dossier> LoadAsync(Guid id) => app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
        .Include(d => d.History).Include(d => d.Files).SingleAsync(d => d.Id == id, Ct));

    private async Task<(Guid Id, DossierSummary Summary)> AwaitingApprovalAsync()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, Someone());
        var s = await OfficeDossiers.ToAppraisalAsync(app, world, received.Id);
        s = await OfficeDossiers.PostFileAsync(app, "specialist", $"/api/dossiers/{received.Id}/draft", "file", "du-thao.pdf", ("revision", OfficeDossiers.Text(s.Revision)));
        s = await OfficeDossiers.PostAsync(app, "specialist", $"/api/dossiers/{received.Id}/submit-for-approval", new { revision = s.Revision });
        return (received.Id, s);
    }

    [Fact]
    public async Task LeaderApproves_DraftIsSigned_ThenTheClerkStampsTheResult_AndTheHistoryTellsWho()
    {
        var (id, s) = await AwaitingApprovalAsync();
        s = await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{id}/approve", new { revision = s.Revision });

        var dossier = await LoadAsync(id);
        var draft = dossier.Files.Single(f => f.Purpose == DossierFilePurpose.Draft);
        draft.FileName.ShouldBe("du-thao-da-ky.pdf");
        var signed = IndependentCheck.Read(await BytesAsync(draft.StoredFileId));
        var leaderName = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "leader").Select(o => o.FullName).SingleAsync(Ct));
        signed.Cms.SignerInfos[0].Certificate!.GetNameInfo(X509NameType.SimpleName, false).ShouldBe(leaderName);
        var approval = dossier.History.Single(h => h.Kind == DossierEventKind.Approve);
        (approval.ActorName, approval.ActorRole).ShouldBe((leaderName, "Lãnh đạo"));
        approval.UnitName.ShouldNotBeNull();
        approval.Description.ShouldContain("Lãnh đạo ký số dự thảo kết quả \"du-thao.pdf\"");
        var check = await app.WithDbAsync(db => db.Set<FileSignature>().AsNoTracking().SingleAsync(f => f.StoredFileId == draft.StoredFileId, Ct));
        (check.Status, check.SignerName).ShouldBe((SignatureStatus.Valid, leaderName));

        await OfficeDossiers.PostFileAsync(app, "clerk", $"/api/dossiers/{id}/issue", "file", "ket-qua.pdf", ("number", "7/GP"), ("revision", OfficeDossiers.Text(s.Revision)));
        dossier = await LoadAsync(id);
        var result = dossier.Files.Single(f => f.Purpose == DossierFilePurpose.Result);
        result.FileName.ShouldBe("ket-qua-da-ky.pdf");
        var stamped = IndependentCheck.Read(await BytesAsync(result.StoredFileId));
        var unitName = await app.WithDbAsync(db => db.Units.Where(u => u.Id == app.World!.JusticeId).Select(u => u.Name).SingleAsync(Ct));
        stamped.Cms.SignerInfos[0].Certificate!.GetNameInfo(X509NameType.SimpleName, false).ShouldBe(unitName);
        dossier.History.Single(h => h.Kind == DossierEventKind.AttachResult).Description.ShouldContain("đóng dấu số");
    }

    [Fact]
    public async Task LeaderWithOwnCertificate_MustGiveItsPassword_AndIsRefusedOnceItExpired()
    {
        var (id, s) = await AwaitingApprovalAsync();
        var leader = await OfficeDossiers.OfficialIdAsync(app, "leader");
        var demo = app.Services.GetRequiredService<DemoCertificateAuthority>();
        var now = app.Clock.GetUtcNow();
        using var own = await demo.IssueAsync("Lê Văn Riêng", "UBND phường Một", Ct, now.AddYears(-1), now.AddDays(2));
        var p12 = own.Export(X509ContentType.Pkcs12, "mat-khau-123");
        (await Should.ThrowAsync<DomainException>(() => app.WithServiceAsync<MyCertificate.Handler, MyCertificate.View>(h => h.UploadForAsync(leader, p12, "sai", Ct))))
            .Message.ShouldContain("sai mật khẩu");
        await app.WithServiceAsync<MyCertificate.Handler, MyCertificate.View>(h => h.UploadForAsync(leader, p12, "mat-khau-123", Ct));
        var client = await app.ClientAsAsync("leader");
        try
        {
            var noPassword = await client.PostAsJsonAsync($"/api/dossiers/{id}/approve", new { revision = s.Revision }, Ct);
            noPassword.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await noPassword.Content.ReadAsStringAsync(Ct)).ShouldContain("mật khẩu chứng thư số");

            app.Clock.Advance(TimeSpan.FromDays(3));
            // Signed in again: the bearer token of three days ago has expired.
            client = await app.ClientAsAsync("leader");
            var expired = await client.PostAsJsonAsync($"/api/dossiers/{id}/approve", new { revision = s.Revision, password = "mat-khau-123" }, Ct);
            expired.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await expired.Content.ReadAsStringAsync(Ct)).ShouldContain("đã hết hạn");
            (await LoadAsync(id)).Stage.ShouldBe(ProcessingStage.AwaitingApproval);
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-3));
        }
        client = await app.ClientAsAsync("leader");
        try
        {
            var approved = await client.PostAsJsonAsync($"/api/dossiers/{id}/approve", new { revision = s.Revision, password = "mat-khau-123" }, Ct);
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync(Ct));
            var draft = (await LoadAsync(id)).Files.Single(f => f.Purpose == DossierFilePurpose.Draft);
            IndependentCheck.Read(await BytesAsync(draft.StoredFileId)).Cms.SignerInfos[0].Certificate!.Thumbprint.ShouldBe(own.Thumbprint);
        }
        finally
        {
            // The other tests of the class sign as this leader without a certificate of their own.
            var owner = leader.ToString("N");
            await app.WithDbAsync(db => db.Set<SigningCredential>().Where(c => c.Owner == owner && c.Kind == SigningCredentialKind.OfficialPkcs12).ExecuteDeleteAsync(Ct));
        }
    }

    [Fact]
    public async Task DeskSignsADigitizedComponent_OnceOnly_AndIntrudersAreRefused()
    {
        await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, Someone());
        var id = received.Id;
        var component = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).SelectMany(d => d.Components).Where(c => c.RequirementCode == "CHO_O").Select(c => c.Id).SingleAsync(Ct));
        var s = await OfficeDossiers.PostFileAsync(app, "desk", $"/api/dossiers/{id}/components/{component}/scans", "files", "hop-dong.pdf");
        var file = (await LoadAsync(id)).Files.Single(f => f.Purpose == DossierFilePurpose.Component);
        var url = $"/api/dossiers/{id}/files/{file.Id}/sign";

        (await app.CreateClient().PostAsJsonAsync(url, new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await app.ClientAsAsync("specialist")).PostAsJsonAsync(url, new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ClientAsAsync("desk.other")).PostAsJsonAsync(url, new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await LoadAsync(id)).Files.Single(f => f.Id == file.Id).StoredFileId.ShouldBe(file.StoredFileId);

        s = await OfficeDossiers.PostAsync(app, "desk", url, new { revision = s.Revision });
        var dossier = await LoadAsync(id);
        var signedFile = dossier.Files.Single(f => f.Id == file.Id);
        signedFile.StoredFileId.ShouldNotBe(file.StoredFileId);
        IndependentCheck.Read(await BytesAsync(signedFile.StoredFileId));
        var entry = dossier.History.Single(h => h.Kind == DossierEventKind.Sign);
        entry.ActorRole.ShouldBe("Cán bộ một cửa");
        entry.UnitName.ShouldNotBeNull();
        entry.Description.ShouldStartWith("Ký số thành phần hồ sơ \"hop-dong.pdf\"");

        var again = await (await app.ClientAsAsync("desk")).PostAsJsonAsync(url, new { revision = s.Revision }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("đã được ký");
    }
}

/// <summary>The app signing through the remote-signing simulator, reached over HTTP on the test server.</summary>
public sealed class RemoteSigningApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Signatures:Remote:BaseUrl", "http://localhost/sandbox/ky-so-tu-xa/");
        builder.UseSetting("Signatures:Remote:ClientId", "motcua");
        builder.UseSetting("Signatures:Remote:ClientSecret", "bi-mat-thu");
        builder.UseSetting("Signatures:Remote:SimulatorEnabled", "true");
        builder.UseSetting("Signatures:Remote:SimulatorClientSecret", "bi-mat-thu");
        builder.ConfigureServices(services =>
            services.AddHttpClient(RemoteSigningClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
    }
}

public sealed class RemoteSigningTests(RemoteSigningApp app) : IClassFixture<RemoteSigningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OfficialWithoutOwnCertificate_SignsThroughTheRemoteService()
    {
        var simulator = app.Services.GetRequiredService<RemoteSigningSimulator>();
        var before = simulator.SignRequests;
        var signed = await app.WithServiceAsync<IDocumentSigner, SignedPdf>(s => s.SignAsync(SamplePdf.Make("Văn bản ký từ xa"),
            new SigningRequest(Guid.NewGuid(), "Trần Ký Xa", null, null, "Ký thử"), Ct));

        signed.KeySource.ShouldBe("Ký số từ xa");
        simulator.SignRequests.ShouldBe(before + 1);
        IndependentCheck.Read(signed.Pdf);
        (await app.Services.GetRequiredService<SignatureVerifier>().VerifyAsync(signed.Pdf, Ct)).Status.ShouldBe(SignatureStatus.Valid);
        // The service refuses a caller without its secret.
        using var stranger = app.CreateClient();
        (await stranger.PostAsJsonAsync("/sandbox/ky-so-tu-xa/v1/credentials/info", new { user_id = "x" }, Ct)).IsSuccessStatusCode.ShouldBeFalse();
    }
}
