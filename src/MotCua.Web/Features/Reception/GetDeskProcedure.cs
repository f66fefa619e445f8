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
        public IReadOnlyList<FeeLine> Fees(Channel channel, int copies, int pagesPerCopy, IReadOnlyCollection<string>? exemptionGroups,
            IReadOnlyDictionary<string, int>? requested = null)
        {
            IntakeBuilder.CheckDeclared(Content, requested);
            return FeeCalculator.Compute(Content.Fees, new FeeRequest(channel, 1, copies, pagesPerCopy, exemptionGroups, requested));
        }

        /// <summary>The lines charged only for what the applicant asks for (<see cref="FeeItem.OnRequest"/>: birth extract
        /// copies): the desk enters how many, by the e-form field the line counts from, labelled as the e-form labels it.</summary>
        public IReadOnlyList<OnRequestLine> OnRequestLines => Content.Fees
            .Where(f => f.OnRequest && f.CopiesField is not null)
            .Select(f => new OnRequestLine(f.CopiesField!, Content.FormFields.FirstOrDefault(x => x.Key == f.CopiesField)?.Label ?? $"Số bản ({f.Name})", f.Name))
            .DistinctBy(l => l.Field)
            .ToList();

        /// <summary>The request's copies count for some line (an on-request line counts only its own number).</summary>
        public bool ChargesPerCopy => Content.Fees.Any(f => (f.Basis is FeeBasis.PerCopy or FeeBasis.PerPage) && !f.OnRequest);

        public bool ChargesPerPage => Content.Fees.Any(f => f.Basis == FeeBasis.PerPage);

        /// <summary>Only the groups this procedure's fees exempt are worth asking about.</summary>
        public IReadOnlyList<string> ExemptionGroups => Content.Fees.SelectMany(f => f.ExemptGroups ?? []).Distinct().ToList();
    }

    /// <param name="Field">The e-form field the line counts from, the key of the number in the reception's request.</param>
    public sealed record OnRequestLine(string Field, string Label, string FeeName);

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
