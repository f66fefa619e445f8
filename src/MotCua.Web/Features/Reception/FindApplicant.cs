using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>"Tra cứu" at the desk: fills the applicant's details from their most recent dossier, so a returning
/// citizen is not asked again. Only dossiers of the official's own units are read (personal data stays within
/// the units that hold it).</summary>
public static class FindApplicant
{
    public sealed record Result(
        ApplicantKind Kind, string FullName, string IdNumber, string? Phone, string? Email, string? Address, string? DossierCode, DateTime? SubmittedAtUtc);

    public sealed class Handler(AppDbContext db, DossierActions actions)
    {
        public async Task<Result?> HandleAsync(string? idNumber, CancellationToken ct)
        {
            // Stored the way Applicant.Create keeps it: no spaces, upper case.
            var id = new string((idNumber ?? "").Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray()).ToUpperInvariant();
            if (id.Length == 0) return null;
            var scope = (await actions.ScopeAsync(ct)).ToList();
            return await db.Dossiers.AsNoTracking()
                .Where(d => d.Applicant.IdNumber == id)
                .Where(d => scope.Contains(d.ReceivingUnitId) || scope.Contains(d.CompetentUnitId) || scope.Contains(d.CurrentUnitId))
                .OrderByDescending(d => d.SubmittedAtUtc)
                .Select(d => new Result(d.Applicant.Kind, d.Applicant.FullName, d.Applicant.IdNumber, d.Applicant.Phone, d.Applicant.Email,
                    d.Applicant.Address, d.Code, d.SubmittedAtUtc))
                .FirstOrDefaultAsync(ct);
        }
    }
}
