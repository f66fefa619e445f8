using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>The file addresses a sync record gives the national portal: links on this system's public address
/// (<see cref="NationalPortalOptions.PublicBaseUrl"/>) that open one file without signing in, signed with
/// <see cref="NationalPortalOptions.FileLinkSecret"/> (HMAC-SHA256 over the file and the expiry) and good until they
/// expire (<see cref="NationalPortalOptions.FileLinkLifetime"/>). The office's own address (/office/files/…) needs an
/// official's session, which the portal never has. A file of an imported dossier keeps the other system's address.</summary>
public sealed class NationalFileLinks(IOptionsMonitor<NationalPortalOptions> options, IServer server, TimeProvider clock)
{
    public const string Path = "/api/dvcqg/tep";
    public const int SecretMinLength = 32;

    public string For(DossierFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.StoredFileId is null) return file.ExternalAddress ?? "";
        var o = options.CurrentValue;
        var expires = clock.GetUtcNow().Add(o.FileLinkLifetime).ToUnixTimeSeconds();
        var root = PublicRoot(o);
        return new Uri(root, $"{Path.TrimStart('/')}/{file.Id:N}?het={expires.ToString(CultureInfo.InvariantCulture)}&ky={Sign(o, file.Id, expires)}").ToString();
    }

    /// <summary>The link is this system's, for this file, and not expired. Compared in constant time.</summary>
    public bool Valid(Guid fileId, string? expires, string? signature)
    {
        var o = options.CurrentValue;
        if (o.FileLinkSecret.Length < SecretMinLength || signature is not { Length: > 0 and <= 100 }
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var at)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(o, fileId, at));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))) return false;
        return clock.GetUtcNow().ToUnixTimeSeconds() < at;
    }

    private static string Sign(NationalPortalOptions o, Guid fileId, long expires)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(o.FileLinkSecret),
            Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"dvcqg-file:{fileId:N}:{expires}")));
        return Base64Url.EncodeToString(mac);
    }

    private Uri PublicRoot(NationalPortalOptions o)
    {
        if (o.PublicBaseUrl.Length > 0)
            return new Uri(o.PublicBaseUrl.EndsWith('/') ? o.PublicBaseUrl : o.PublicBaseUrl + "/", UriKind.Absolute);
        return OwnAddress.Root(server) ?? throw new InvalidOperationException("NationalPortal:PublicBaseUrl is empty and the app listens on no address yet.");
    }

    /// <summary>GET /api/dvcqg/tep/{file}?het=…&amp;ky=…: the file, to whoever holds a valid link (the national portal);
    /// every fetch is in the audit log under the portal's name. A link altered, for another file, or expired: 403, and the
    /// same answer whether the file exists or not.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path + "/{id:guid}", async (Guid id, HttpContext context, NationalFileLinks links, AppDbContext db, FileStore store, AuditLog audit, CancellationToken ct) =>
            {
                if (!links.Valid(id, context.Request.Query["het"], context.Request.Query["ky"]))
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Liên kết không hợp lệ",
                        detail: "Liên kết tải tệp không hợp lệ hoặc đã hết hạn. Đề nghị lấy liên kết mới trong bản đồng bộ gần nhất của hồ sơ.");
                var file = await (from f in db.Set<DossierFile>().AsNoTracking()
                                  join s in db.StoredFiles.AsNoTracking() on f.StoredFileId equals s.Id
                                  join d in db.Dossiers.AsNoTracking() on f.DossierId equals d.Id
                                  where f.Id == id
                                  select new { f.FileName, f.Purpose, Stored = s, d.Id, d.Code }).SingleOrDefaultAsync(ct);
                if (file is null)
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: "Tệp không còn trong hệ thống.");
                audit.ActingAs = ReceiveFromNationalPortal.Portal.Actor;
                await audit.RecordDownloadAsync(AuditKind.DossierFileDownloaded, nameof(DossierFile), id.ToString(),
                    $"Cổng Dịch vụ công quốc gia tải tệp \"{file.FileName}\" của hồ sơ {file.Code} qua liên kết đồng bộ.",
                    new { DossierId = file.Id, DossierCode = file.Code, file.FileName, file.Purpose }, ct);
                var disposition = new ContentDispositionHeaderValue("attachment");
                disposition.SetHttpFileName(file.FileName);
                context.Response.Headers.ContentDisposition = disposition.ToString();
                context.Response.Headers.CacheControl = "private, no-store";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Stream(store.OpenRead(file.Stored), file.Stored.ContentType);
            })
            .AllowAnonymous()
            .WithTags("Cổng Dịch vụ công quốc gia")
            .WithSummary("Tệp của hồ sơ cho Cổng Dịch vụ công quốc gia, theo liên kết có chữ ký trong bản đồng bộ (hết hạn sau NationalPortal:FileLinkLifetime)");
}
