using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Payments;

/// <summary>A dossier that was paid and then ends without being settled — refused at reception, withdrawn by the
/// applicant, stopped — owes its money back: in the very save that ends it, each paid order of the dossier is marked
/// "refund due" with who ended it, when and why (docs/adr/0029). Moving the money is done outside the app; an official
/// records it as refunded.</summary>
public sealed class RefundOnEnd : SaveChangesInterceptor
{
    private static readonly DossierStatus[] Ends = [DossierStatus.Refused, DossierStatus.Withdrawn, DossierStatus.Stopped];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Ending(db) is { Count: > 0 } ending)
        {
            var ids = ending.Select(e => e.DossierId).ToList();
            Mark(db, ending, [.. db.Set<PaymentOrder>().Where(o => o.DossierId != null && ids.Contains(o.DossierId.Value) && o.State == PaymentState.Paid)]);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Ending(db) is { Count: > 0 } ending)
        {
            var ids = ending.Select(e => e.DossierId).ToList();
            Mark(db, ending, await db.Set<PaymentOrder>().Where(o => o.DossierId != null && ids.Contains(o.DossierId.Value) && o.State == PaymentState.Paid).ToListAsync(cancellationToken));
        }
        return result;
    }

    private static List<DossierEvent> Ending(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        return [.. db.ChangeTracker.Entries<DossierEvent>()
            .Where(e => e.State == EntityState.Added && Ends.Contains(e.Entity.ToStatus) && e.Entity.FromStatus != e.Entity.ToStatus)
            .Select(e => e.Entity)];
    }

    private static void Mark(DbContext db, List<DossierEvent> ending, List<PaymentOrder> paid)
    {
        foreach (var order in paid)
        {
            var end = ending.First(e => e.DossierId == order.DossierId);
            order.MarkRefundDue($"{end.ActorName} ({end.ActorRole})",
                $"Hồ sơ chuyển sang trạng thái \"{end.ToStatus.DisplayName()}\"{(end.Reason is { Length: > 0 } why ? ": " + why : "")}", end.AtUtc);
        }
        if (paid.Count > 0) db.ChangeTracker.DetectChanges();
    }
}
