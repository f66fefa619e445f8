using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Nộp hồ sơ trực tuyến: the dossier gets its code at once (the citizen follows it by that code) and
/// waits in status 1 for an official of the receiving unit.</summary>
public static class SubmitOnline
{
    public sealed record Request(
        string ProcedureCode,
        Guid ReceivingUnitId,
        ApplicantInput Applicant,
        IReadOnlyList<ComponentInput> Components,
        OnlineLevel Level = OnlineLevel.Full,
        string? Summary = null,
        string? FormData = null,
        int Copies = 1,
        int PagesPerCopy = 1,
        bool IdentityVerified = false,
        /// <summary>Set by the portal (the draft's id): submitting the same key again returns the same dossier.</summary>
        Dossier.OnlineSubmission? Submission = null,
        /// <summary>The e-form's numbers that fee lines count copies and pages from (<see cref="FeeItem.CopiesField"/>).</summary>
        IReadOnlyDictionary<string, int>? Declared = null,
        /// <summary>The evidence of the exemption group declared in <see cref="ApplicantInput.ExemptionGroups"/>.</summary>
        string? ExemptionReason = null,
        /// <summary>The citizen's own record in the population database, looked up for the draft: prefills the applicant
        /// and supplies the components it replaces (docs/adr/0033c).</summary>
        PopulationFacts? Population = null);

    public sealed class Handler(AppDbContext db, IntakeBuilder intakes, DossierCodeGenerator codes, TimeProvider clock)
    {
        /// <summary>Submits, or returns the dossier already submitted under the same key (a double click, a retry
        /// after a lost answer). <paramref name="beforeSave"/> lets the caller add to the dossier in the same
        /// transaction (the files of the components).</summary>
        public async Task<Dossier> HandleAsync(Request request, Actor actor, CancellationToken ct, Func<Dossier, Task>? beforeSave = null)
        {
            if (request.Submission is { } s && await FindAsync(s.Key, ct) is { } already) return already;
            var built = await intakes.BuildAsync(request.ProcedureCode, request.ReceivingUnitId, null, request.Applicant, request.Components,
                Channel.Online, request.Summary, request.FormData, 1, request.Copies, request.PagesPerCopy,
                request.IdentityVerified ? IdentityCheck.ElectronicIdentity : IdentityCheck.None, ct,
                request.Declared, request.ExemptionReason, request.Population);
            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var code = await codes.NextAsync(built.AgencyCode, now, ct);
                var dossier = Dossier.Submit(built.Intake, code, request.Level, actor, now, request.Submission);
                db.Dossiers.Add(dossier);
                if (beforeSave is not null) await beforeSave(dossier);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return dossier;
            }
            catch (DbUpdateException) when (request.Submission is { } key)
            {
                // The same draft was submitted at the same instant by another request, which won the unique key.
                db.ChangeTracker.Clear();
                var existing = await FindAsync(key.Key, ct);
                if (existing is null) throw;
                return existing;
            }
        }

        private Task<Dossier?> FindAsync(Guid key, CancellationToken ct) =>
            db.Dossiers.Include(d => d.History).Include(d => d.Components).AsSplitQuery().SingleOrDefaultAsync(d => d.SubmissionKey == key, ct);
    }
}
