using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DocumentStore;

/// <summary>Kho dữ liệu: the citizen's digitized papers and results, newest first, optionally of one kind, a page at
/// a time, each with its validity today.</summary>
public static class ListMyDocuments
{
    public const int PageSize = 30;

    public sealed record Item(
        Guid Id, CitizenDocumentKind Kind, string Name, string? DocumentNumber, string? SourceDossierCode, bool SourceIsMine,
        DateTime? IssuedAtUtc, DateTime? ValidUntilUtc, bool IsValid, DateTime AddedAtUtc, string FileName);

    public sealed record Page(IReadOnlyList<Item> Items, CitizenDocumentKind? Kind, int PageNumber, int PageCount, int Total);

    public sealed class Handler(CitizenDossiers citizens, AppDbContext db, TimeProvider clock)
    {
        public async Task<Page> HandleAsync(CitizenDocumentKind? kind, int pageNumber, CancellationToken ct)
        {
            var account = await citizens.AccountAsync(ct);
            var documents = CitizenStore.VisibleTo(db, account).AsNoTracking();
            if (kind is { } k) documents = documents.Where(d => d.Kind == k);
            var total = await CitizenStore.CountVisibleAsync(db, account, kind, ct);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var number = Math.Clamp(pageNumber, 1, pageCount);
            var rows = await documents
                .OrderByDescending(d => d.AddedAtUtc).ThenByDescending(d => d.Id)
                .Skip((number - 1) * PageSize).Take(PageSize)
                .ToListAsync(ct);
            // The source dossier is linked only when the account may open it.
            var sources = rows.Select(r => r.SourceDossierId).OfType<Guid>().Distinct().ToList();
            var mine = await (await citizens.MineAsync(ct)).Where(d => sources.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            return new Page(
                [.. rows.Select(d => new Item(d.Id, d.Kind, d.Name, d.DocumentNumber, d.SourceDossierCode,
                    d.SourceDossierId is { } source && mine.Contains(source), d.IssuedAtUtc, d.ValidUntilUtc, d.IsValidAt(now), d.AddedAtUtc, d.FileName))],
                kind, number, pageCount, total);
        }
    }
}
