using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>Chứng thư số của cơ quan (the unit's seal, docs/adr/0034a): an administrator installs a unit's organisation
/// certificate — a PKCS#12 file and its password — that the clerks' issuance stamp and the filed forms are signed with,
/// sees whose it is, who issued it and until when, replaces or removes it. The file is opened with its password first (a
/// private RSA key, within its validity); it is kept with the password, both wrapped by Data Protection, because the
/// unit's clerks sign with it without knowing the password.</summary>
public static class UnitSeals
{
    public const long MaxBytes = 64 * 1024;
    /// <summary>The request a page or a client may send: larger than <see cref="MaxBytes"/>, so that a wrong file a little
    /// too big is answered with the reason in Vietnamese rather than cut off by the server.</summary>
    public const long MaxRequestBytes = 1024 * 1024;
    public const string FilePart = "file";
    public const string PasswordPart = "password";

    public sealed record View(Guid UnitId, string UnitName, string Subject, string Issuer, DateTime NotBeforeUtc, DateTime NotAfterUtc,
        string Thumbprint, DateTime InstalledAtUtc, bool Expired);

    internal static string OwnerOf(Guid unitId) => "unit:" + unitId.ToString("N");

    public sealed class Handler(AppDbContext db, UnitTree units, DemoCertificateAuthority credentials, AuditLog audit, TimeProvider clock)
    {
        /// <summary>Every unit's installed seal, by unit name.</summary>
        public async Task<IReadOnlyList<View>> ListAsync(CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var seals = await db.Set<SigningCredential>().AsNoTracking().Where(c => c.Kind == SigningCredentialKind.UnitSeal).ToListAsync(ct);
            var views = new List<View>();
            foreach (var seal in seals)
                if (Guid.TryParseExact(seal.Owner["unit:".Length..], "N", out var unitId) && await units.FindAsync(unitId, ct) is { } unit)
                    views.Add(ViewOf(unit, seal, now));
            return [.. views.OrderBy(v => v.UnitName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))];
        }

        /// <summary>The unit's seal; null when none is installed. A unit that does not exist: NotFoundException.</summary>
        public async Task<View?> GetAsync(Guid unitId, CancellationToken ct)
        {
            var unit = await UnitAsync(unitId, ct);
            var owner = OwnerOf(unitId);
            var seal = await db.Set<SigningCredential>().AsNoTracking().FirstOrDefaultAsync(c => c.Owner == owner && c.Kind == SigningCredentialKind.UnitSeal, ct);
            return seal is null ? null : ViewOf(unit, seal, clock.GetUtcNow().UtcDateTime);
        }

        public async Task<View> InstallAsync(Guid unitId, IFormFile? file, string? password, CancellationToken ct)
        {
            var unit = await UnitAsync(unitId, ct);
            if (file is null || file.Length == 0) throw new DomainException("Chưa chọn tệp chứng thư số của cơ quan (.p12 hoặc .pfx).");
            if (file.Length > MaxBytes) throw new DomainException("Tệp chứng thư số quá lớn (tối đa 64 KB); hãy chọn đúng tệp .p12/.pfx của cơ quan.");
            if (string.IsNullOrEmpty(password)) throw new DomainException("Hãy nhập mật khẩu của tệp chứng thư số của cơ quan.");
            var bytes = new byte[file.Length];
            await using (var content = file.OpenReadStream())
                await content.ReadExactlyAsync(bytes, ct);
            using var key = LocalSigningKey.FromPkcs12(bytes, password);
            var certificate = key.Certificate;
            var now = clock.GetUtcNow().UtcDateTime;
            if (certificate.NotAfter.ToUniversalTime() < now)
                throw new DomainException($"Chứng thư số đã hết hạn từ {VietnamTime.FormatDate(certificate.NotAfter.ToUniversalTime())}; hãy tải lên chứng thư còn hiệu lực.");
            if (certificate.NotBefore.ToUniversalTime() > now)
                throw new DomainException($"Chứng thư số chỉ có hiệu lực từ {VietnamTime.FormatDate(certificate.NotBefore.ToUniversalTime())}; hãy cài đặt khi đến ngày đó.");

            var owner = OwnerOf(unitId);
            var old = await db.Set<SigningCredential>().FirstOrDefaultAsync(c => c.Owner == owner && c.Kind == SigningCredentialKind.UnitSeal, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (old is not null)
            {
                db.Remove(old);
                // The unique (owner, kind) index: the old row goes before the new one is written.
                await db.SaveChangesAsync(ct);
            }
            var seal = credentials.Credential(SigningCredentialKind.UnitSeal, owner, certificate, bytes, password);
            db.Add(seal);
            audit.Record(AuditKind.UnitSealInstalled, "Unit", unitId.ToString(),
                $"{(old is null ? "Cài đặt" : "Thay")} chứng thư số của cơ quan {unit.Name}: {certificate.Subject}, do {certificate.Issuer} cấp, hiệu lực đến {VietnamTime.FormatDate(seal.NotAfterUtc)}.",
                old is null ? null : new { old.Subject, old.Issuer, old.Thumbprint, old.NotAfterUtc },
                new { seal.Subject, seal.Issuer, seal.Thumbprint, seal.NotAfterUtc });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return ViewOf(unit, seal, now);
        }

        /// <summary>Removes the unit's seal; false when it had none.</summary>
        public async Task<bool> RemoveAsync(Guid unitId, CancellationToken ct)
        {
            var unit = await UnitAsync(unitId, ct);
            var owner = OwnerOf(unitId);
            var seal = await db.Set<SigningCredential>().FirstOrDefaultAsync(c => c.Owner == owner && c.Kind == SigningCredentialKind.UnitSeal, ct);
            if (seal is null) return false;
            db.Remove(seal);
            audit.Record(AuditKind.UnitSealRemoved, "Unit", unitId.ToString(), $"Gỡ chứng thư số của cơ quan {unit.Name}: {seal.Subject}.",
                new { seal.Subject, seal.Issuer, seal.Thumbprint, seal.NotAfterUtc });
            await db.SaveChangesAsync(ct);
            return true;
        }

        private async Task<UnitTree.Node> UnitAsync(Guid unitId, CancellationToken ct) =>
            await units.FindAsync(unitId, ct) ?? throw new NotFoundException("Không tìm thấy đơn vị.");

        private static View ViewOf(UnitTree.Node unit, SigningCredential seal, DateTime now) =>
            new(unit.Id, unit.Name, seal.Subject, seal.Issuer, seal.NotBeforeUtc, seal.NotAfterUtc, seal.Thumbprint, seal.CreatedAtUtc, seal.NotAfterUtc < now);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units/{unitId:guid}/seal").WithTags("Units").RequireAuthorization(nameof(OfficialRole.Administrator));
        group.MapGet("/", async Task<Results<Ok<View>, NotFound>> (Guid unitId, Handler handler, CancellationToken ct) =>
                await handler.GetAsync(unitId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetUnitSeal")
            .WithSummary("Chứng thư số của cơ quan (dùng đóng dấu số kết quả và ký các mẫu đơn lưu trong hồ sơ): chủ chứng thư, tổ chức cấp, hiệu lực.");
        group.MapPut("/", async Task<Results<Ok<View>, ValidationProblem>> (Guid unitId, IFormCollection form, Handler handler, CancellationToken ct) =>
            {
                if (form.Files.FirstOrDefault(f => f.Name != FilePart) is { } other)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [other.Name] = [$"Phần tệp \"{other.Name}\" không hợp lệ: gửi tệp .p12/.pfx trong phần \"{FilePart}\"."] });
                if (form.Files.Count(f => f.Name == FilePart) > 1)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [FilePart] = ["Chỉ gửi một tệp chứng thư số."] });
                var password = form.TryGetValue(PasswordPart, out var value) && value.Count == 1 ? value[0] : null;
                return TypedResults.Ok(await handler.InstallAsync(unitId, form.Files.GetFile(FilePart), password, ct));
            })
            .Accepts<IFormFile>("multipart/form-data")
            // Bearer-token clients send no antiforgery token; the office cookie is SameSite=Lax, so no other site posts with it.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes)
            .WithName("InstallUnitSeal")
            .WithSummary("Cài đặt hoặc thay chứng thư số của cơ quan.")
            .WithDescription($"multipart/form-data: phần \"{FilePart}\" là tệp PKCS#12 (.p12/.pfx, tối đa 64 KB) có khóa bí mật RSA, còn hiệu lực; " +
                             $"phần \"{PasswordPart}\" là mật khẩu của tệp. Tệp và mật khẩu được lưu đã mã hóa để cán bộ văn thư đóng dấu số mà không cần biết mật khẩu.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/", async Task<Results<NoContent, NotFound>> (Guid unitId, Handler handler, CancellationToken ct) =>
                await handler.RemoveAsync(unitId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RemoveUnitSeal")
            .WithSummary("Gỡ chứng thư số của cơ quan.");
    }
}
