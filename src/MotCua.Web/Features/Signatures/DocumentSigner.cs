using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Reports;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>The one signer (<see cref="IDocumentSigner"/>): finds the key (<see cref="SigningKeys"/>), checks the rules,
/// writes the PAdES signature.</summary>
public sealed class DocumentSigner(SigningKeys keys, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ReportsOptions> fonts) : IDocumentSigner
{
    public async Task<SignedPdf> SignAsync(byte[] pdf, SigningRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(request);
        if (!pdf.AsSpan(0, Math.Min(1024, pdf.Length)).StartsWith("%PDF-"u8))
            throw new DomainException("Chỉ ký số được tệp PDF; tệp này không phải PDF.");
        if (NotoFonts.Prepare(fonts.Value.FontDirectory) is { } missingFont) throw new DomainException(missingFont.Replace("báo cáo PDF", "khối chữ ký", StringComparison.Ordinal));
        var (key, source) = await keys.ForAsync(request, ct);
        try
        {
            var now = clock.GetUtcNow();
            var certificate = key.Certificate;
            CheckValidity(certificate, request, now);
            if (SignedBy(pdf).Contains(certificate.Thumbprint, StringComparer.OrdinalIgnoreCase))
                throw new DomainException("Văn bản này đã được ký bằng chính chứng thư số này; không ký lần nữa.");
            var signerName = request.SealOfUnitId is null ? request.SignerName : request.UnitName ?? request.SignerName;
            var title = request.SealOfUnitId is null ? request.Title : $"Đóng dấu: {request.SignerName}" + (request.Title is { Length: > 0 } t ? $" ({t})" : "");
            var appearance = new SignatureAppearance(signerName, title, request.SealOfUnitId is null ? request.UnitName : null, request.Reason, now);
            var signed = await PadesWriter.SignAsync(pdf, key, appearance, ct);
            return new SignedPdf(signed, certificate.GetNameInfo(X509NameType.SimpleName, false), certificate.GetNameInfo(X509NameType.SimpleName, true),
                now, certificate.Thumbprint, source);
        }
        finally
        {
            (key as IDisposable)?.Dispose();
        }
    }

    public async Task CheckAsync(SigningRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (key, _) = await keys.ForAsync(request, ct);
        try
        {
            CheckValidity(key.Certificate, request, clock.GetUtcNow());
        }
        finally
        {
            (key as IDisposable)?.Dispose();
        }
    }

    private static void CheckValidity(X509Certificate2 certificate, SigningRequest request, DateTimeOffset now)
    {
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
            throw new DomainException($"Chứng thư số của {request.SignerName} đã hết hạn từ {VietnamTime.FormatDate(certificate.NotAfter.ToUniversalTime())}; hãy gia hạn hoặc tải lên chứng thư mới.");
        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
            throw new DomainException("Chứng thư số chưa đến ngày có hiệu lực.");
    }

    /// <summary>The thumbprints of the certificates that signed the file already (their CMS, whatever their validity).</summary>
    internal static IReadOnlyList<string> SignedBy(byte[] pdf) => SignatureVerifier.SignerCertificates(pdf).Select(c => c.Thumbprint).ToList();
}

/// <summary>Where a signer's key comes from (docs/adr/0033a).</summary>
public sealed class SigningKeys(AppDbContext db, DemoCertificateAuthority demo, IDataProtectionProvider protection, Units.UnitTree units,
    IRemoteSigningClient? remote = null)
{
    private IDataProtector Protector => protection.CreateProtector(SigningCredential.ProtectionPurpose);

    public async Task<(ISigningKey Key, string Source)> ForAsync(SigningRequest request, CancellationToken ct)
    {
        if (request.SealOfUnitId is { } unitId)
        {
            var owner = UnitSeals.OwnerOf(unitId);
            // The seal is the legal body's: a desk or a department inside a commune uses its own when it has one, else
            // the one of the unit above it, up to its administrative unit (docs/adr/0034a).
            var chain = await SealOwnersAsync(unitId, ct);
            var seals = await db.Set<SigningCredential>().AsNoTracking()
                .Where(c => c.Kind == SigningCredentialKind.UnitSeal && chain.Contains(c.Owner)).ToListAsync(ct);
            var seal = chain.Select(o => seals.FirstOrDefault(c => c.Owner == o)).FirstOrDefault(c => c is not null);
            if (seal is not null)
            {
                var password = seal.ProtectedPassword is null ? null : System.Text.Encoding.UTF8.GetString(Protector.Unprotect(seal.ProtectedPassword));
                return (LocalSigningKey.FromPkcs12(Protector.Unprotect(seal.ProtectedKey), password), "Chứng thư số của cơ quan");
            }
            if (remote is { Enabled: true }) return (await remote.KeyForAsync(owner, ct), "Ký số từ xa");
            if (demo.Enabled) return (await demo.KeyForAsync(owner, request.UnitName ?? "Cơ quan", request.UnitName, ct), "Chứng thư thử nghiệm");
            throw new DomainException("Cơ quan chưa có chứng thư số tổ chức để đóng dấu số; quản trị hệ thống cần cài đặt chứng thư của cơ quan.");
        }
        var own = await db.Set<SigningCredential>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Owner == request.OfficialId.ToString("N") && c.Kind == SigningCredentialKind.OfficialPkcs12, ct);
        if (own is not null)
        {
            if (string.IsNullOrEmpty(request.Password))
                throw new DomainException("Hãy nhập mật khẩu chứng thư số của anh/chị để ký.");
            return (LocalSigningKey.FromPkcs12(Protector.Unprotect(own.ProtectedKey), request.Password), "Chứng thư số cá nhân");
        }
        if (remote is { Enabled: true }) return (await remote.KeyForAsync(request.OfficialId.ToString("N"), ct), "Ký số từ xa");
        if (demo.Enabled) return (await demo.KeyForAsync(request.OfficialId.ToString("N"), request.SignerName, request.UnitName, ct), "Chứng thư thử nghiệm");
        throw new DomainException("Anh/chị chưa có chứng thư số: hãy tải lên tệp chứng thư (.p12/.pfx) ở trang \"Chữ ký số của tôi\".");
    }

    /// <summary>The owners whose seal may stamp for <paramref name="unitId"/>, nearest first: the unit, then each unit
    /// above it up to and including its administrative unit.</summary>
    private async Task<List<string>> SealOwnersAsync(Guid unitId, CancellationToken ct)
    {
        var owners = new List<string>();
        var node = await units.FindAsync(unitId, ct);
        if (node is null) return [UnitSeals.OwnerOf(unitId)];
        while (node is not null)
        {
            owners.Add(UnitSeals.OwnerOf(node.Id));
            if (Units.UnitTree.IsAdministrative(node.Kind) || node.ParentId is not { } parent) break;
            node = await units.FindAsync(parent, ct);
        }
        return owners;
    }
}

/// <summary>A remote-signing service: the key stays there (see RemoteSigningClient).</summary>
public interface IRemoteSigningClient
{
    bool Enabled { get; }

    /// <summary>The user's key at the service: its certificate chain now, its signatures on request.</summary>
    Task<ISigningKey> KeyForAsync(string userId, CancellationToken ct);
}
