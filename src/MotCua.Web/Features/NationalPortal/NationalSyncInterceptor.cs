using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>The outbox of the national sync: every history entry added to a dossier (a status change, a supplement, a
/// result file, a payment, an apology — every change of a dossier appends one) queues a sync job in the very save that
/// records it (docs/adr/0029), so a change that is saved cannot lose its sync, and one that fails queues nothing.
/// Entries copied from another system's records (Import, ExternalStep) are not sent back: that system synchronised them.
/// A satisfaction rating given or changed queues its own message (<see cref="SyncRating"/>).</summary>
public sealed class NationalSyncInterceptor(IOptionsMonitor<NationalPortalOptions> options, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Enqueue(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Enqueue(db);
        return ValueTask.FromResult(result);
    }

    private void Enqueue(DbContext db)
    {
        if (!options.CurrentValue.SyncEnabled) return;
        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        var changes = tracker.Entries<DossierEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.Kind is not (DossierEventKind.Import or DossierEventKind.ExternalStep))
            .Select(e => e.Entity)
            .ToList();
        var ratings = tracker.Entries<SatisfactionRating>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity).ToList();
        if (changes.Count == 0 && ratings.Count == 0) return;
        // The change sets the dossier Pending; when it was read Pending already, EF would leave the column out of the
        // UPDATE, and an acknowledgement of the previous revision saved in between (which does not move Revision, the
        // concurrency token) would stay: the new revision would look acknowledged and never be sent. Written always.
        var changed = changes.Select(e => e.DossierId).ToHashSet();
        foreach (var dossier in tracker.Entries<Dossier>().Where(d => d.State == EntityState.Modified && changed.Contains(d.Entity.Id)))
            dossier.Property(d => d.SyncState).IsModified = true;
        // A save retried on the same context after a failure still holds the first attempt's jobs.
        var queued = tracker.Entries<Job>().Where(j => j.State == EntityState.Added).Select(j => j.Entity.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var r in ratings)
        {
            var at = SyncRating.Stamp(r);
            var key = SyncRating.KeyOf(r.DossierId, at);
            if (queued.Add(key)) db.Add(Job.Create(SyncRating.Kind, new SyncRating.Payload(r.DossierId, at), key, now));
        }
        foreach (var e in changes)
        {
            var key = SyncDossier.KeyOf(e.DossierId, e.Sequence);
            if (queued.Add(key)) db.Add(Job.Create(SyncDossier.Kind, new SyncDossier.Payload(e.DossierId, e.Sequence, e.AtUtc), key, now));
        }
    }
}
