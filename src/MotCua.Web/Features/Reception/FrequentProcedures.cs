using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>The procedures this desk received most in the last 90 days: the desk's first step offers them as one click
/// each, since a handful of procedures (certification, civil status, residence) make most of a commune's queue.</summary>
public static class FrequentProcedures
{
    public const int Count = 8;
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public sealed record Item(string Code, string Name, int Received);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        /// <summary>By the receiving unit's index (ReceivingUnitId, ReceivedAtUtc); a procedure no longer published is left out.</summary>
        public async Task<IReadOnlyList<Item>> HandleAsync(Guid unitId, CancellationToken ct)
        {
            var since = clock.GetUtcNow().UtcDateTime - Window;
            var counts = await db.Dossiers.AsNoTracking()
                .Where(d => d.ReceivingUnitId == unitId && d.ReceivedAtUtc >= since)
                .GroupBy(d => d.ProcedureVersionId)
                .Select(g => new { VersionId = g.Key, Received = g.Count() })
                .ToListAsync(ct);
            if (counts.Count == 0) return [];
            var versionIds = counts.Select(c => c.VersionId).ToList();
            var procedures = await (from v in db.ProcedureVersions
                                    join p in db.Procedures on v.ProcedureId equals p.Id
                                    where versionIds.Contains(v.Id) && p.CurrentVersionId != null
                                    select new { VersionId = v.Id, p.Code, p.Name })
                .AsNoTracking().ToListAsync(ct);
            // Versions of one procedure count together.
            return counts.Join(procedures, c => c.VersionId, p => p.VersionId, (c, p) => (p.Code, p.Name, c.Received))
                .GroupBy(x => (x.Code, x.Name))
                .Select(g => new Item(g.Key.Code, g.Key.Name, g.Sum(x => x.Received)))
                .OrderByDescending(i => i.Received).ThenBy(i => i.Code, StringComparer.Ordinal)
                .Take(Count).ToList();
        }
    }
}
