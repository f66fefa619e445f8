using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Hồ sơ đang soạn: the signed-in account's drafts not yet submitted, last saved first.</summary>
public static class ListDrafts
{
    /// <param name="ApplicantName">Shown for drafts written on someone else's behalf.</param>
    /// <param name="Paid">Fees paid for the draft before submission, owed back if it is deleted.</param>
    public sealed record Item(Guid Id, string ProcedureCode, string ProcedureName, bool Assisted, string ApplicantName, int FileCount, DateTime UpdatedAtUtc,
        long Paid = 0);

    /// <summary>A citizen has a handful of drafts; the list stops at this many, most recent first.</summary>
    public const int Limit = 100;

    public sealed class Handler(AppDbContext db, CurrentUser user)
    {
        public async Task<IReadOnlyList<Item>> HandleAsync(CancellationToken ct) =>
            await (
                    from d in db.DossierDrafts.OwnedBy(user.Id)
                    where d.SubmittedDossierId == null
                    join v in db.ProcedureVersions on d.ProcedureVersionId equals v.Id
                    join p in db.Procedures on v.ProcedureId equals p.Id
                    orderby d.UpdatedAtUtc descending, d.Id
                    select new Item(d.Id, d.ProcedureCode, p.Name, d.Assisted, d.ApplicantName, d.Files.Count, d.UpdatedAtUtc,
                        db.Set<Payments.PaymentOrder>().Where(o => o.DraftId == d.Id && o.State == Payments.PaymentState.Paid).Sum(o => (long?)o.Amount) ?? 0))
                .AsNoTracking()
                .Take(Limit)
                .ToListAsync(ct);
    }
}
