using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>The idempotency key of a reception at the desk or by post (docs/adr/0020): the page sends the key it
/// generated when the form was rendered, an API client its <c>Idempotency-Key</c> header. A repeated request with the
/// same key answers the dossier the first one received instead of receiving a second one. Stored in
/// <see cref="Dossier.SubmissionKey"/>, whose unique index decides two requests racing, as for the portal
/// (docs/adr/0012).</summary>
public static class ReceptionKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="clientKey"/> cannot be used, or null when it can (or is absent).</summary>
    public static string? Problem(string? clientKey) =>
        clientKey is null ? null
        : clientKey.Length is 0 or > MaxLength || clientKey.Any(c => c is < '!' or > '~')
            ? $"Khóa chống gửi lặp ({Header}) phải gồm 1 đến {MaxLength} ký tự ASCII in được, không có khoảng trắng."
            : null;

    /// <summary>The stored key: the client's key scoped to the official who sends it. Two officials (or an official
    /// and a citizen's draft, whose id is the portal's key) can never reach each other's dossier by choosing the same
    /// key.</summary>
    public static Guid? For(Actor actor, string? clientKey)
    {
        if (clientKey is null || actor.Id is not { } officialId) return null;
        if (Problem(clientKey) is { } problem) throw new DomainException(problem);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"desk-reception\n{officialId:N}\n{clientKey}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>The dossier already received under <paramref name="key"/>, if any. A key reused for another applicant or
    /// procedure is refused: answering the first dossier would hand the official a receipt for someone else.</summary>
    public static async Task<Dossier?> FindAsync(AppDbContext db, Guid key, ReceiveInPerson.Request request, CancellationToken ct)
    {
        var dossier = await db.Dossiers.Include(d => d.History).Include(d => d.Components).Include(d => d.Files).Include(d => d.Fees)
            .AsSplitQuery().SingleOrDefaultAsync(d => d.SubmissionKey == key, ct);
        if (dossier is null) return null;
        var procedureId = await db.Procedures.Where(p => p.Code == request.ProcedureCode).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        if (dossier.ProcedureId != procedureId || dossier.Applicant.IdNumber != (request.Applicant.IdNumber?.Trim().ToUpperInvariant() ?? ""))
            throw new DomainException($"Yêu cầu này đã được dùng để tiếp nhận hồ sơ {dossier.Code} của người nộp khác hoặc thủ tục khác; " +
                                      "hãy mở lại trang tiếp nhận (hoặc dùng khóa chống gửi lặp mới) cho hồ sơ mới.");
        return dossier;
    }
}
