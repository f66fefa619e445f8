using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Signatures;

/// <summary>Chứng thư số của cơ quan (docs/adr/0034a): an administrator installs, sees, replaces and removes a unit's
/// seal through the API and the page; everything wrong is refused in Vietnamese with nothing saved; once installed, the
/// clerk's issuance stamp is signed by that certificate.</summary>
public sealed class UnitSealTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Password = "mat-khau-con-dau";
    private static int _people;

    private async Task<X509Certificate2> IssueAsync(string name, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var now = app.Clock.GetUtcNow();
        return await app.Services.GetRequiredService<DemoCertificateAuthority>().IssueAsync(name, "UBND tỉnh", Ct, from ?? now.AddDays(-1), to ?? now.AddYears(2));
    }

    private static MultipartFormDataContent Form(byte[] file, string? password, string fileName = "con-dau.p12")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-pkcs12");
        form.Add(content, UnitSeals.FilePart, fileName);
        if (password is not null) form.Add(new StringContent(password), UnitSeals.PasswordPart);
        return form;
    }

    private Task<List<SigningCredential>> SealsAsync(Guid unitId)
    {
        var owner = "unit:" + unitId.ToString("N");
        return app.WithDbAsync(db => db.Set<SigningCredential>().AsNoTracking().Where(c => c.Owner == owner && c.Kind == SigningCredentialKind.UnitSeal).ToListAsync(Ct));
    }

    private Task<int> AuditCountAsync() => app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Kind == AuditKind.UnitSealInstalled || e.Kind == AuditKind.UnitSealRemoved, Ct));

    public static TheoryData<string, string> Refusals() => new()
    {
        { "not-pkcs12", "không phải PKCS#12" },
        { "wrong-password", "sai mật khẩu" },
        { "expired", "đã hết hạn" },
        { "no-private-key", "không có khóa bí mật" },
        { "huge", "quá lớn" },
        { "no-password", "mật khẩu" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AWrongUpload_Is422InVietnamese_AndSavesNothing(string why, string message)
    {
        var world = await app.SeedWorldAsync();
        var admin = await app.ClientAsAsync("admin");
        var now = app.Clock.GetUtcNow();
        using var valid = await IssueAsync("UBND phường Một");
        using var expired = await IssueAsync("UBND phường Một (cũ)", now.AddYears(-3), now.AddDays(-1));
        var (bytes, password) = why switch
        {
            "not-pkcs12" => ("Đây không phải chứng thư số"u8.ToArray(), Password),
            "wrong-password" => (valid.Export(X509ContentType.Pkcs12, Password), "sai"),
            "expired" => (expired.Export(X509ContentType.Pkcs12, Password), Password),
            "no-private-key" => (X509CertificateLoader.LoadCertificate(valid.RawData).Export(X509ContentType.Pkcs12, Password), Password),
            "huge" => (new byte[UnitSeals.MaxBytes + 1], Password),
            _ => (valid.Export(X509ContentType.Pkcs12, Password), (string?)null),
        };
        var audits = await AuditCountAsync();

        using var response = await admin.PutAsync($"/api/units/{world.CommuneId}/seal", Form(bytes!, password), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        problem.ShouldContain(message);
        (await SealsAsync(world.CommuneId)).ShouldBeEmpty();
        (await AuditCountAsync()).ShouldBe(audits);
    }

    [Fact]
    public async Task OnlyAnAdministrator_InstallsOrSeesASeal()
    {
        var world = await app.SeedWorldAsync();
        using var seal = await IssueAsync("UBND phường Một");
        foreach (var user in new[] { "desk", "clerk", "leader" })
        {
            var client = await app.ClientAsAsync(user);
            using var put = await client.PutAsync($"/api/units/{world.CommuneId}/seal", Form(seal.Export(X509ContentType.Pkcs12, Password), Password), Ct);
            put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.GetAsync($"/api/units/{world.CommuneId}/seal", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var page = await OfficeClient.SignInAsync(app, user);
            (await page.Http.GetAsync($"/office/admin/chu-ky-so-co-quan?don-vi={world.CommuneId}", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        }
        (await SealsAsync(world.CommuneId)).ShouldBeEmpty();
        var admin = await app.ClientAsAsync("admin");
        (await admin.PutAsync($"/api/units/{Guid.NewGuid()}/seal", Form(seal.Export(X509ContentType.Pkcs12, Password), Password), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Installed_ThenTheClerksIssuanceStampIsSignedByIt_ThenReplaced_ThenRemoved()
    {
        var world = await app.SeedWorldAsync();
        var admin = await app.ClientAsAsync("admin");
        using var first = await IssueAsync("Sở Tư pháp (con dấu số)");
        var url = $"/api/units/{world.JusticeId}/seal";

        using var installed = await admin.PutAsync(url, Form(first.Export(X509ContentType.Pkcs12, Password), Password), Ct);
        installed.StatusCode.ShouldBe(HttpStatusCode.OK, await installed.Content.ReadAsStringAsync(Ct));
        var view = (await installed.Content.ReadFromJsonAsync<UnitSeals.View>(TestJson.Options, Ct))!;
        (view.Subject, view.Issuer, view.Thumbprint, view.Expired).ShouldBe((first.Subject, first.Issuer, first.Thumbprint, false));
        view.NotAfterUtc.ShouldBe(first.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));
        var stored = (await SealsAsync(world.JusticeId)).ShouldHaveSingleItem();
        stored.Thumbprint.ShouldBe(first.Thumbprint);
        stored.ProtectedPassword.ShouldNotBeNull();
        stored.ProtectedKey.ShouldNotBe(first.Export(X509ContentType.Pkcs12, Password), "kept wrapped by Data Protection");
        (await admin.GetFromJsonAsync<UnitSeals.View>(url, TestJson.Options, Ct))!.Thumbprint.ShouldBe(first.Thumbprint);

        // The clerk of that unit issues a result: the stamp is the installed certificate's.
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new OfficeDossiers.Applicant($"Phạm Văn Dấu {Interlocked.Increment(ref _people)}",
            $"0011{Random.Shared.NextInt64(10_000_000, 99_999_999)}", "0912345678"));
        var s = await OfficeDossiers.ToAppraisalAsync(app, world, received.Id);
        s = await OfficeDossiers.PostFileAsync(app, "specialist", $"/api/dossiers/{received.Id}/draft", "file", "du-thao.pdf", ("revision", OfficeDossiers.Text(s.Revision)));
        s = await OfficeDossiers.PostAsync(app, "specialist", $"/api/dossiers/{received.Id}/submit-for-approval", new { revision = s.Revision });
        s = await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{received.Id}/approve", new { revision = s.Revision });
        await OfficeDossiers.PostFileAsync(app, "clerk", $"/api/dossiers/{received.Id}/issue", "file", "ket-qua.pdf", ("number", "9/GP"), ("revision", OfficeDossiers.Text(s.Revision)));
        var result = (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Files).SingleAsync(d => d.Id == received.Id, Ct)))
            .Files.Single(f => f.Purpose == DossierFilePurpose.Result);
        var file = await app.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == result.StoredFileId, Ct));
        byte[] pdf;
        await using (var content = app.Services.GetRequiredService<FileStore>().OpenRead(file))
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, Ct);
            pdf = copy.ToArray();
        }
        IndependentCheck.Read(pdf).Cms.SignerInfos[0].Certificate!.Thumbprint.ShouldBe(first.Thumbprint);
        (await app.WithDbAsync(db => db.Set<FileSignature>().AsNoTracking().SingleAsync(f => f.StoredFileId == file.Id, Ct))).Status.ShouldBe(SignatureStatus.Valid);

        using var second = await IssueAsync("Sở Tư pháp (con dấu mới)");
        using var replaced = await admin.PutAsync(url, Form(second.Export(X509ContentType.Pkcs12, "khac"), "khac"), Ct);
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SealsAsync(world.JusticeId)).ShouldHaveSingleItem().Thumbprint.ShouldBe(second.Thumbprint);

        (await admin.DeleteAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SealsAsync(world.JusticeId)).ShouldBeEmpty();
        (await admin.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var kinds = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.SubjectId == world.JusticeId.ToString()
            && (e.Kind == AuditKind.UnitSealInstalled || e.Kind == AuditKind.UnitSealRemoved)).OrderBy(e => e.AtUtc).Select(e => e.Kind).ToListAsync(Ct));
        kinds.ShouldBe([AuditKind.UnitSealInstalled, AuditKind.UnitSealInstalled, AuditKind.UnitSealRemoved]);
    }

    [Fact]
    public async Task ThePage_ShowsTheSeal_InstallsAndRemovesIt_AndSaysAWrongPasswordInVietnamese()
    {
        var world = await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var path = $"/office/admin/chu-ky-so-co-quan?don-vi={world.OtherCommuneId}";
        var page = await admin.GetPageAsync(path);
        page.QuerySelector("#seal-none").ShouldNotBeNull();
        page.QuerySelectorAll(".admin-nav a").Select(a => a.GetAttribute("href")).ShouldContain("/office/admin/chu-ky-so-co-quan");
        using var seal = await IssueAsync("UBND xã Hai");

        async Task<HttpResponseMessage> PostAsync(string handler, string? password)
        {
            var form = await admin.GetPageAsync(path);
            var content = password is null ? new MultipartFormDataContent() : Form(seal.Export(X509ContentType.Pkcs12, Password), password);
            content.Add(new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
            return await admin.Http.PostAsync($"{path}&handler={handler}", content, Ct);
        }

        using var wrong = await PostAsync("Install", "sai");
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OfficeClient.ParseAsync(await wrong.Content.ReadAsStringAsync(Ct))).QuerySelector(".alert.error")!.TextContent.ShouldContain("sai mật khẩu");
        (await SealsAsync(world.OtherCommuneId)).ShouldBeEmpty();

        using var installed = await PostAsync("Install", Password);
        installed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await admin.GetPageAsync(installed.Headers.Location!.OriginalString);
        page.QuerySelector(".alert.success")!.TextContent.ShouldContain("Đã cài đặt chứng thư số");
        var facts = page.QuerySelector("#seal")!.TextContent;
        facts.ShouldContain(seal.Subject);
        facts.ShouldContain(seal.Issuer);
        facts.ShouldContain(VietnamTime.FormatDate(seal.NotAfter.ToUniversalTime()));
        page.QuerySelector("#installed")!.TextContent.ShouldContain(seal.Subject);

        using var removed = await PostAsync("Remove", null);
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SealsAsync(world.OtherCommuneId)).ShouldBeEmpty();
        (await admin.GetPageAsync(path)).QuerySelector("#seal-none").ShouldNotBeNull();
    }
}
