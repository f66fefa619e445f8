using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>One procedure as published now: the current version's full content.</summary>
public static class GetProcedure
{
    public sealed record Result(string Code, int VersionNumber, DateTime EffectiveFromUtc, string? Decision, ProcedureContent Content);

    public sealed class Handler(AppDbContext db)
    {
        /// <returns>Null when no procedure has this code.</returns>
        public async Task<Result?> HandleAsync(string code, CancellationToken ct)
        {
            var trimmed = code?.Trim() ?? "";
            return await (
                    from p in db.Procedures
                    where p.Code == trimmed
                    from v in db.ProcedureVersions
                    where v.Id == p.CurrentVersionId
                    select new Result(p.Code, v.Number, v.EffectiveFromUtc, v.Decision, v.Content))
                .AsNoTracking()
                .FirstOrDefaultAsync(ct);
        }
    }
}
