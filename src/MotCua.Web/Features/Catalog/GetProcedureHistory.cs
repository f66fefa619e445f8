using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>A procedure for the administrator: every published version, how many dossiers each one governs
/// (dossiers stay pinned to the version they were received under), and the current version's full content.</summary>
public static class GetProcedureHistory
{
    public sealed record VersionItem(
        Guid Id, int Number, DateTime EffectiveFromUtc, string? Decision, OnlineLevel OnlineLevel, bool OnlineOnlyPilot, int DossierCount, bool IsCurrent);

    public sealed record Result(string Code, string Name, IReadOnlyList<VersionItem> Versions, ProcedureContent Content)
    {
        public VersionItem Current => Versions.Single(v => v.IsCurrent);
    }

    public sealed class Handler(AppDbContext db)
    {
        /// <returns>Null when no procedure has this code.</returns>
        public async Task<Result?> HandleAsync(string code, CancellationToken ct)
        {
            var trimmed = code?.Trim() ?? "";
            var procedure = await db.Procedures.AsNoTracking()
                .Where(p => p.Code == trimmed)
                .Select(p => new { p.Id, p.Code, p.Name, p.CurrentVersionId })
                .SingleOrDefaultAsync(ct);
            if (procedure?.CurrentVersionId is not { } currentId) return null;

            // Counting by the indexed foreign key; the content documents are not loaded for the list.
            var versions = await db.ProcedureVersions.AsNoTracking()
                .Where(v => v.ProcedureId == procedure.Id)
                .OrderByDescending(v => v.Number)
                .Select(v => new VersionItem(v.Id, v.Number, v.EffectiveFromUtc, v.Decision, v.OnlineLevel, v.OnlineOnlyPilot,
                    db.Dossiers.Count(d => d.ProcedureVersionId == v.Id), v.Id == currentId))
                .ToListAsync(ct);
            var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == currentId).Select(v => v.Content).SingleAsync(ct);
            return new Result(procedure.Code, procedure.Name, versions, content);
        }
    }
}
