using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Forms;

/// <summary>Queues, in the very save that records the event, the job that files the event's form as a PDF of the
/// dossier (<see cref="ProduceForm"/>): Form 01 at every valid reception (desk, online acceptance — the national
/// portal's intake included, received through it), 02 at a supplement request, 03 at a refusal, 04 at the apology,
/// 05 at a stop, and the withdrawal request at a withdrawal (which the job skips when the desk attached the signed
/// paper). The history entries being added are the one place every path passes through (docs/adr/0029); a save that
/// fails queues nothing, and a queued job cannot be lost.</summary>
public sealed class FormFilingInterceptor(TimeProvider clock, IHttpContextAccessor http) : SaveChangesInterceptor
{
    private static readonly Dictionary<DossierEventKind, DossierForm> Filed = new()
    {
        [DossierEventKind.Receive] = DossierForm.Receipt,
        [DossierEventKind.RequestSupplement] = DossierForm.Supplement,
        [DossierEventKind.Refuse] = DossierForm.Refusal,
        [DossierEventKind.Apologize] = DossierForm.Apology,
        [DossierEventKind.Stop] = DossierForm.Stop,
        [DossierEventKind.Withdraw] = DossierForm.WithdrawalRequest,
    };

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

    public static string KeyOf(Guid dossierId, int sequence, DossierForm form) => $"form:{dossierId:N}:{sequence}:{form}";

    private void Enqueue(DbContext db)
    {
        var tracker = db.ChangeTracker;
        // An entry appended to a loaded dossier's history is seen as added only once changes are detected.
        tracker.DetectChanges();
        var events = tracker.Entries<DossierEvent>()
            .Where(e => e.State == EntityState.Added && Filed.ContainsKey(e.Entity.Kind))
            .Select(e => e.Entity)
            .ToList();
        if (events.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        // A save retried on the same context still holds the first attempt's jobs.
        var queued = tracker.Entries<Job>().Select(e => e.Entity.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        // The receipt's QR code links to the portal at the address the official used, unless Forms:PublicBaseUrl is set.
        var request = http.HttpContext?.Request;
        var baseUrl = request is null ? null : $"{request.Scheme}://{request.Host}{request.PathBase}";
        foreach (var e in events)
        {
            var form = Filed[e.Kind];
            var key = KeyOf(e.DossierId, e.Sequence, form);
            if (!queued.Add(key)) continue;
            db.Add(Job.Create(ProduceForm.Kind, new ProduceForm.Payload(e.DossierId, form, e.Sequence, baseUrl), key, now));
        }
    }
}
