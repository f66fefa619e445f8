using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>Where the units' dossiers stand with the national portal: how many wait, which were refused and why, the
/// oldest change not yet acknowledged and its age, and today's lag (from a change to the portal's acknowledgement of it).</summary>
public sealed class SyncHealth(AppDbContext db, TimeProvider clock)
{
    public sealed record Failure(Guid DossierId, string Code, string Summary, IReadOnlyList<string> Reasons, DateTime? SinceUtc);

    public sealed record LagBucket(string Label, int Count);

    public sealed record Report(int Pending, int FailedCount, IReadOnlyList<Failure> Failed, DateTime? OldestUnsyncedUtc, TimeSpan? OldestAge,
        IReadOnlyList<LagBucket> LagToday, int SyncedToday, TimeSpan? LagMaxToday);

    private static readonly (string Label, TimeSpan Below)[] Buckets =
    [
        ("Dưới 1 phút", TimeSpan.FromMinutes(1)), ("1–5 phút", TimeSpan.FromMinutes(5)), ("5–10 phút", TimeSpan.FromMinutes(10)),
        ("Trên 10 phút", TimeSpan.MaxValue),
    ];

    public async Task<Report> GetAsync(IReadOnlySet<Guid> scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = scope.ToList();
        var mine = db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.ReceivingUnitId) || ids.Contains(d.CompetentUnitId) || ids.Contains(d.CurrentUnitId));

        var pending = await mine.CountAsync(d => d.SyncState == SyncState.Pending, ct);
        var failedCount = await mine.CountAsync(d => d.SyncState == SyncState.Failed, ct);
        var failedRows = await mine.Where(d => d.SyncState == SyncState.Failed).OrderBy(d => d.Id).Take(100)
            .Select(d => new { d.Id, d.Code, d.Summary }).ToListAsync(ct);
        var failed = new List<Failure>();
        foreach (var d in failedRows)
        {
            var (reasons, since) = await ReasonsAsync(d.Id, ct);
            failed.Add(new Failure(d.Id, d.Code ?? "", d.Summary, reasons, since));
        }

        var oldest = await (from d in mine
                            where d.SyncState != SyncState.Synced
                            join e in db.DossierEvents on d.Id equals e.DossierId
                            where (d.SyncedAtUtc == null || e.AtUtc > d.SyncedAtUtc)
                                  && e.Kind != DossierEventKind.Import && e.Kind != DossierEventKind.ExternalStep
                            select (DateTime?)e.AtUtc).MinAsync(ct);

        var today = VietnamTime.ToUtc(VietnamTime.ToLocal(now).Date);
        var lags = await (from d in mine
                          where d.SyncedAtUtc >= today && d.ImportedAtUtc == null
                          join e in db.DossierEvents on new { d.Id, Sequence = d.Revision } equals new { Id = e.DossierId, e.Sequence }
                          select new { d.SyncedAtUtc, e.AtUtc }).ToListAsync(ct);
        var spans = lags.Select(l => l.SyncedAtUtc!.Value - l.AtUtc).Select(s => s < TimeSpan.Zero ? TimeSpan.Zero : s).ToList();
        var buckets = Buckets.Select((b, i) => new LagBucket(b.Label,
            spans.Count(s => s < b.Below && (i == 0 || s >= Buckets[i - 1].Below)))).ToList();
        return new Report(pending, failedCount, failed, oldest, oldest is { } o ? now - o : null, buckets, spans.Count,
            spans.Count > 0 ? spans.Max() : null);
    }

    /// <summary>One dossier with the national portal, for its office page: where it stands, its id on the portal if it
    /// came from there, and why its last record was refused.</summary>
    public sealed record DossierSync(SyncState State, DateTime? SyncedAtUtc, string? NationalId, IReadOnlyList<string> Reasons, DateTime? FailedAtUtc,
        Retry? Retrying = null);

    /// <summary>A record not delivered yet (the portal down or slow): retried until the portal answers, nothing to fix here.</summary>
    public sealed record Retry(int Attempts, string Error, DateTime NextAtUtc);

    public async Task<DossierSync?> OfDossierAsync(Guid dossierId, CancellationToken ct)
    {
        var d = await db.Dossiers.AsNoTracking().Where(x => x.Id == dossierId).Select(x => new { x.SyncState, x.SyncedAtUtc }).SingleOrDefaultAsync(ct);
        if (d is null) return null;
        var nationalId = await db.Set<NationalDossierLink>().AsNoTracking().Where(l => l.DossierId == dossierId).Select(l => l.NationalId).SingleOrDefaultAsync(ct);
        if (d.SyncState == SyncState.Pending)
        {
            var prefix = SyncDossier.PrefixOf(dossierId);
            var retry = await db.Jobs.AsNoTracking()
                .Where(j => j.Kind == SyncDossier.Kind && j.State == JobState.Pending && j.Attempts > 0 && j.LastError != null && j.IdempotencyKey.StartsWith(prefix))
                // The oldest change's job is the one that sends (the others wait for it): its error is the portal's.
                .OrderBy(j => j.IdempotencyKey).Select(j => new Retry(j.Attempts, j.LastError!, j.RunAfterUtc)).FirstOrDefaultAsync(ct);
            return new DossierSync(d.SyncState, d.SyncedAtUtc, nationalId, [], null, retry);
        }
        if (d.SyncState != SyncState.Failed) return new DossierSync(d.SyncState, d.SyncedAtUtc, nationalId, [], null);
        var (reasons, at) = await ReasonsAsync(dossierId, ct);
        return new DossierSync(d.SyncState, d.SyncedAtUtc, nationalId, reasons, at);
    }

    /// <summary>Why the dossier's last record was refused or undelivered: the reasons of its last dead sync job.</summary>
    public async Task<(IReadOnlyList<string> Reasons, DateTime? AtUtc)> ReasonsAsync(Guid dossierId, CancellationToken ct)
    {
        var prefix = SyncDossier.PrefixOf(dossierId);
        var last = await db.Jobs.AsNoTracking()
            .Where(j => j.Kind == SyncDossier.Kind && j.State == JobState.Dead && j.IdempotencyKey.StartsWith(prefix))
            .OrderByDescending(j => j.CompletedAtUtc).Select(j => new { j.LastError, j.CompletedAtUtc }).FirstOrDefaultAsync(ct);
        if (last?.LastError is not { } error) return (["Không gửi được bản đồng bộ (không rõ lý do)."], last?.CompletedAtUtc);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IReadOnlyList<string> reasons = lines.Length > 0 && lines[0] == SyncDossier.RejectedHeading
            ? lines[1..]
            : [$"Không gửi được tới Cổng Dịch vụ công quốc gia sau nhiều lần thử: {error}"];
        return (reasons, last.CompletedAtUtc);
    }
}

/// <summary>Sends dossiers' records again, whatever was acknowledged or refused before: one dossier (after its problem was
/// fixed), or every dossier of a unit submitted in a date range (after the portal lost data, or a unit joined the sync).</summary>
public sealed class Resync(AppDbContext db, TimeProvider clock)
{
    public const int MaxDossiers = 100_000;

    public async Task<int> DossiersAsync(IQueryable<Dossier> which, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await which.AsNoTracking().Where(d => d.ImportedAtUtc == null).OrderBy(d => d.Id).Take(MaxDossiers + 1)
            .Select(d => new { d.Id, d.Revision }).ToListAsync(ct);
        if (rows.Count > MaxDossiers)
            throw new DomainException($"Quá nhiều hồ sơ ({MaxDossiers:N0}+): hãy chọn khoảng thời gian ngắn hơn.");
        foreach (var chunk in rows.Chunk(500))
        {
            foreach (var d in chunk)
                db.Add(Job.Create(SyncDossier.Kind, new SyncDossier.Payload(d.Id, d.Revision, now, Force: true), SyncDossier.ResendKeyOf(d.Id, d.Revision), now));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return rows.Count;
    }
}
