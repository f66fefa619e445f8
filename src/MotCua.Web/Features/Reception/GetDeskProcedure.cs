using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>What the desk form needs of a procedure: the current version's components, fees and time rules,
/// the same version the reception will pin the dossier to.</summary>
public static class GetDeskProcedure
{
    public sealed record View(string Code, string Name, int VersionNumber, ProcedureContent Content)
    {
        /// <summary>Fee lines as the reception will compute them, for the preview before receiving.</summary>
        public IReadOnlyList<FeeLine> Fees(Channel channel, int copies, int pagesPerCopy, IReadOnlyCollection<string>? exemptionGroups) =>
            FeeCalculator.Compute(Content.Fees, new FeeRequest(channel, 1, copies, pagesPerCopy, exemptionGroups));

        public bool ChargesPerCopy => Content.Fees.Any(f => f.Basis is FeeBasis.PerCopy or FeeBasis.PerPage);

        public bool ChargesPerPage => Content.Fees.Any(f => f.Basis == FeeBasis.PerPage);

        /// <summary>Only the groups this procedure's fees exempt are worth asking about.</summary>
        public IReadOnlyList<string> ExemptionGroups => Content.Fees.SelectMany(f => f.ExemptGroups ?? []).Distinct().ToList();
    }

    public sealed class Handler(AppDbContext db)
    {
        public async Task<View?> HandleAsync(string? code, CancellationToken ct)
        {
            var trimmed = code?.Trim() ?? "";
            if (trimmed.Length == 0) return null;
            return await (from p in db.Procedures
                          from v in db.ProcedureVersions
                          where p.Code == trimmed && v.Id == p.CurrentVersionId
                          select new View(p.Code, p.Name, v.Number, v.Content))
                .AsNoTracking()
                .SingleOrDefaultAsync(ct);
        }
    }
}
