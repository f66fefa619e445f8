using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Infrastructure;

/// <summary>A commune's laptop upgraded to the shared keys (docs/adr/0035b): its unit seal, protected at rest with the
/// machine's own keys by the former version, is read with them once at the first start and protected again with the
/// database's, so the seal still stamps and any node can use it.</summary>
public sealed class FormerKeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string SealPassword = "mat-khau-con-dau";

    [Fact]
    public async Task ASealProtectedWithTheMachinesFormerKeys_IsProtectedAgainWithTheSharedKeys_AtTheFirstStart()
    {
        await using var before = new Node(TestDatabase.Create(), ownsDatabase: true, "laptop", workers: false);
        await before.InitializeAsync();
        var world = await before.SeedWorldAsync();
        var now = before.Clock.GetUtcNow();
        using var certificate = await before.Services.GetRequiredService<DemoCertificateAuthority>().IssueAsync("UBND phường Một", "UBND tỉnh", Ct, now.AddDays(-1), now.AddYears(2));
        var pkcs12 = certificate.Export(X509ContentType.Pkcs12, SealPassword);
        var admin = await before.ClientAsAsync("admin");
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(pkcs12);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/x-pkcs12");
            form.Add(file, UnitSeals.FilePart, "con-dau.p12");
            form.Add(new StringContent(SealPassword), UnitSeals.PasswordPart);
            (await admin.PutAsync($"/api/units/{world.CommuneId}/seal", form, Ct)).EnsureSuccessStatusCode();
        }

        // The database as the former version left it: the seal protected with the keys in the machine's folder, under
        // the purpose ASP.NET gave an app that named none (its content root), and no keys in the database.
        var folder = new DirectoryInfo(Path.Combine(before.Database.DataDirectory, "home-aspnet-keys"));
        var formerServices = new ServiceCollection();
        formerServices.AddSingleton(before.Services.GetRequiredService<IHostEnvironment>());
        formerServices.AddLogging();
        formerServices.AddDataProtection().PersistKeysToFileSystem(folder);
        await using var former = formerServices.BuildServiceProvider();
        var formerProtector = former.GetRequiredService<IDataProtectionProvider>().CreateProtector("MotCua.Signatures.Credentials");
        var formerKey = formerProtector.Protect(pkcs12);
        var formerPassword = formerProtector.Protect(Encoding.UTF8.GetBytes(SealPassword));
        var owner = "unit:" + world.CommuneId.ToString("N");
        await before.WithDbAsync(async db =>
        {
            await db.Set<SigningCredential>().Where(c => c.Owner == owner && c.Kind == SigningCredentialKind.UnitSeal)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProtectedKey, formerKey).SetProperty(c => c.ProtectedPassword, formerPassword), Ct);
            await db.DataProtectionKeys.ExecuteDeleteAsync(Ct);
        });

        // The upgraded app starts on that database, on the same machine.
        await using var after = new Node(before.Database, ownsDatabase: false, "laptop-upgraded", workers: false,
            new Dictionary<string, string> { [SharedDataProtection.FormerKeyFolderKey] = folder.FullName });
        await after.InitializeAsync();

        var seal = await after.WithDbAsync(db => db.Set<SigningCredential>().AsNoTracking().SingleAsync(c => c.Owner == owner && c.Kind == SigningCredentialKind.UnitSeal, Ct));
        seal.ProtectedKey.ShouldNotBe(formerKey);
        var shared = after.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("MotCua.Signatures.Credentials");
        shared.Unprotect(seal.ProtectedKey).ShouldBe(pkcs12);
        Encoding.UTF8.GetString(shared.Unprotect(seal.ProtectedPassword!)).ShouldBe(SealPassword);
        Should.Throw<CryptographicException>(() => formerProtector.Unprotect(seal.ProtectedKey), "protected with the database's keys now");
        (await after.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Ct))).ShouldBe(1);

        // The seal stamps through the app, on this node and on a node of another machine.
        await using var other = new Node(before.Database, ownsDatabase: false, "other-machine", workers: false);
        await other.InitializeAsync();
        foreach (var node in new[] { after, other })
        {
            await using var scope = node.Services.CreateAsyncScope();
            var (key, source) = await scope.ServiceProvider.GetRequiredService<SigningKeys>().ForAsync(
                new SigningRequest(Guid.NewGuid(), "Văn thư", null, "Phường Một", "Đóng dấu số", SealOfUnitId: world.CommuneId), Ct);
            source.ShouldBe("Chứng thư số của cơ quan");
            key.Certificate.Thumbprint.ShouldBe(certificate.Thumbprint);
            (key as IDisposable)?.Dispose();
        }
    }
}
