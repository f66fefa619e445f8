using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>Chữ ký số của tôi: an official's own PKCS#12 store. The file is opened with its password to check it (a key,
/// RSA, in its validity), then kept as uploaded — still encrypted by that password, which is not kept — wrapped again
/// with Data Protection. The password is asked at each signing.</summary>
public static class MyCertificate
{
    public const long MaxBytes = 64 * 1024;

    public sealed record View(string Subject, string Issuer, DateTime NotBeforeUtc, DateTime NotAfterUtc, string Thumbprint, DateTime UploadedAtUtc, bool Expired);

    public sealed class Handler(AppDbContext db, CurrentUser user, DemoCertificateAuthority credentials, TimeProvider clock)
    {
        private string Owner => user.Id.ToString("N");

        public async Task<View?> GetAsync(CancellationToken ct)
        {
            var owner = Owner;
            var now = clock.GetUtcNow().UtcDateTime;
            return await db.Set<SigningCredential>().AsNoTracking()
                .Where(c => c.Owner == owner && c.Kind == SigningCredentialKind.OfficialPkcs12)
                .Select(c => new View(c.Subject, c.Issuer, c.NotBeforeUtc, c.NotAfterUtc, c.Thumbprint, c.CreatedAtUtc, c.NotAfterUtc < now))
                .FirstOrDefaultAsync(ct);
        }

        public async Task<View> UploadAsync(IFormFile? file, string? password, CancellationToken ct)
        {
            if (file is null || file.Length == 0) throw new DomainException("Chưa chọn tệp chứng thư số (.p12 hoặc .pfx).");
            if (file.Length > MaxBytes) throw new DomainException("Tệp chứng thư số quá lớn (tối đa 64 KB); hãy chọn đúng tệp .p12/.pfx.");
            if (string.IsNullOrEmpty(password)) throw new DomainException("Hãy nhập mật khẩu của tệp chứng thư số để kiểm tra tệp.");
            var bytes = new byte[file.Length];
            await using (var content = file.OpenReadStream())
                await content.ReadExactlyAsync(bytes, ct);
            return await UploadForAsync(user.Id, bytes, password, ct);
        }

        /// <summary>Stores the PKCS#12 <paramref name="bytes"/> as the official's own certificate, after opening it with its password.</summary>
        public async Task<View> UploadForAsync(Guid officialId, byte[] bytes, string password, CancellationToken ct)
        {
            using var key = LocalSigningKey.FromPkcs12(bytes, password);
            var certificate = key.Certificate;
            var now = clock.GetUtcNow().UtcDateTime;
            if (certificate.NotAfter.ToUniversalTime() < now)
                throw new DomainException($"Chứng thư số đã hết hạn từ {VietnamTime.FormatDate(certificate.NotAfter.ToUniversalTime())}; hãy tải lên chứng thư còn hiệu lực.");
            var owner = officialId.ToString("N");
            await db.Set<SigningCredential>().Where(c => c.Owner == owner && c.Kind == SigningCredentialKind.OfficialPkcs12).ExecuteDeleteAsync(ct);
            // Kept as uploaded: encrypted by the password, which is not kept.
            db.Add(credentials.Credential(SigningCredentialKind.OfficialPkcs12, owner, certificate, bytes, null));
            await db.SaveChangesAsync(ct);
            return new View(certificate.Subject, certificate.Issuer, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(),
                certificate.Thumbprint, now, false);
        }

        public async Task<bool> RemoveAsync(CancellationToken ct)
        {
            var owner = Owner;
            return await db.Set<SigningCredential>().Where(c => c.Owner == owner && c.Kind == SigningCredentialKind.OfficialPkcs12).ExecuteDeleteAsync(ct) > 0;
        }

        /// <summary>Whether the signed-in official signs with their own store (and so must give its password).</summary>
        public Task<bool> HasOwnAsync(CancellationToken ct)
        {
            var owner = Owner;
            return db.Set<SigningCredential>().AnyAsync(c => c.Owner == owner && c.Kind == SigningCredentialKind.OfficialPkcs12, ct);
        }
    }
}
