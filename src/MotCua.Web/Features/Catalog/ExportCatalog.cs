using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>The catalog as a file another system (or this one, elsewhere) can import: the current version of
/// every procedure, in the seed file's shape.</summary>
public static class ExportCatalog
{
    public sealed class Handler(AppDbContext db)
    {
        public async Task<IReadOnlyList<CatalogEntry>> HandleAsync(CancellationToken ct)
        {
            var entries = await (
                    from p in db.Procedures
                    from v in db.ProcedureVersions
                    where v.Id == p.CurrentVersionId
                    select new CatalogEntry(p.Code, v.Decision, v.Content))
                .AsNoTracking()
                .ToListAsync(ct);
            // Ordered here, not in SQL: SQLite and PostgreSQL collate punctuation differently, and the same
            // catalog should give the same file (and a readable diff) whichever database it came from.
            return entries.OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        }
    }
}
