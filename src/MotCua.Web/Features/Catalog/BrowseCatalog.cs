using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>The administrator's list of procedures: by words of the code or name (ignoring diacritics and case),
/// with the current version's number, date and online service, one page at a time.</summary>
public static class BrowseCatalog
{
    public const int DefaultPageSize = 25;

    public sealed record Query(string? Q = null, int Page = 1, int PageSize = DefaultPageSize);

    public sealed record Item(
        string Code, string Name, int VersionNumber, DateTime EffectiveFromUtc, string? Decision, OnlineLevel OnlineLevel, bool OnlineOnlyPilot);

    public sealed record Result(IReadOnlyList<Item> Items, int Page, int PageSize, int Total)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(query);
            var pageSize = Math.Clamp(query.PageSize, 1, SearchProcedures.MaxPageSize);
            var page = Math.Max(1, query.Page);
            var rows = from p in db.Procedures
                       from v in db.ProcedureVersions
                       where v.Id == p.CurrentVersionId
                       select new { p, v };
            // The search key is stored folded, so each word is a plain substring test in SQL on both databases.
            foreach (var word in Text.SearchKey(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
                rows = rows.Where(x => x.p.SearchKey.Contains(word));

            var total = await rows.CountAsync(ct);
            var items = await rows
                .OrderBy(x => x.p.Code)
                .Skip((page - 1) * pageSize)
                .Take(pageSize)
                .Select(x => new Item(x.p.Code, x.p.Name, x.v.Number, x.v.EffectiveFromUtc, x.v.Decision, x.v.OnlineLevel, x.v.OnlineOnlyPilot))
                .AsNoTracking()
                .ToListAsync(ct);
            return new Result(items, page, pageSize, total);
        }
    }
}
