using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Biên nhận nộp hồ sơ trực tuyến: what the citizen needs to follow the dossier (code and lookup code), what
/// was submitted, what is owed, and what happens next. Shown to the applicant's account and to the team member who
/// submitted it, nobody else.</summary>
public static class GetReceipt
{
    /// <param name="MadeFromEForm">The e-form the citizen filled is this component (the declaration): no file expected.</param>
    public sealed record Component(string Name, bool FromCitizenStore, IReadOnlyList<string> FileNames, bool MadeFromEForm = false);

    public sealed record View(
        string Code,
        string LookupCode,
        string ProcedureName,
        string Summary,
        string ReceivingUnitName,
        DateTime SubmittedAtUtc,
        DossierStatus Status,
        string ApplicantName,
        string? AssistedByName,
        IReadOnlyList<Component> Components,
        IReadOnlyList<DossierFee> Fees,
        double AnswerWithinWorkingHours)
    {
        public long FeeTotal => Fees.Sum(f => f.Amount);
    }

    public sealed class Handler(AppDbContext db, CurrentUser user, IOptions<ReceptionOptions> reception)
    {
        /// <returns>Null when there is no such online dossier, or it is neither the account's nor submitted by it.</returns>
        public async Task<View?> HandleAsync(string code, CancellationToken ct)
        {
            var me = user.Id;
            var trimmed = code?.Trim() ?? "";
            var dossier = await db.Dossiers.AsNoTracking().AsSplitQuery()
                .Include(d => d.Components).Include(d => d.Files)
                .SingleOrDefaultAsync(d => d.Code == trimmed && d.Channel == Channel.Online && (d.CitizenAccountId == me || d.AssistedById == me), ct);
            if (dossier is null) return null;
            var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId).Select(v => v.Content).SingleAsync(ct);
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == dossier.ReceivingUnitId).Select(u => u.Name).SingleAsync(ct);
            var order = content.Components.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i);
            var fromEForm = content.Components.Where(c => c.FilledByEForm).Select(c => c.Code).ToHashSet();
            var components = dossier.Components
                // In the procedure's order, as the draft showed them.
                .OrderBy(c => order.GetValueOrDefault(c.RequirementCode, int.MaxValue))
                .Select(c => new Component(c.Name, c.FromCitizenStore,
                    dossier.Files.Where(f => f.ComponentId == c.Id && f.Purpose == DossierFilePurpose.Component).OrderBy(f => f.AddedAtUtc).Select(f => f.FileName).ToList(),
                    fromEForm.Contains(c.RequirementCode)))
                .ToList();
            return new View(dossier.Code!, dossier.LookupCode, content.Name, dossier.Summary, unit, dossier.SubmittedAtUtc ?? default, dossier.Status,
                dossier.Applicant.FullName, dossier.AssistedByName, components, dossier.Fees, reception.Value.AnswerWithinWorkingHours);
        }
    }
}
