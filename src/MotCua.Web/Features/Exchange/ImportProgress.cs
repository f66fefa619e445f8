using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Exchange;

public enum ImportState
{
    /// <summary>The request is still reading and saving records.</summary>
    Running,
    /// <summary>Every record of the file was read, and saved or rejected.</summary>
    Finished,
    /// <summary>Stopped before the end of the file: the client went away, the file could not be read further, or the
    /// server failed. The batches saved before stay saved; sending the file again finishes it (idempotent).</summary>
    Stopped,
}

/// <summary>One import (POST /api/dossiers/import) as a row: who started it, its counters and its state, written as it
/// goes, so that any node can show it (GET /api/dossiers/import/{id}) and it outlives a restart (docs/adr/0032e).</summary>
public sealed class ImportRun
{
    /// <summary>A run still <see cref="ImportState.Running"/> whose counters have not moved for this long is shown as
    /// stopped: its node went down (a batch of 250 records takes seconds).</summary>
    public static readonly TimeSpan SilentFor = TimeSpan.FromMinutes(10);

    private ImportRun() { }

    public ImportRun(Guid id, Guid officialId, string officialName, Guid? unitId, DateTime startedAtUtc)
    {
        Id = id;
        OfficialId = officialId;
        OfficialName = officialName;
        UnitId = unitId;
        StartedAtUtc = startedAtUtc;
        UpdatedAtUtc = startedAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid OfficialId { get; private set; }
    public string OfficialName { get; private set; } = "";
    public Guid? UnitId { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }
    public ImportState State { get; private set; }
    public long Read { get; private set; }
    public long Imported { get; private set; }
    public long Updated { get; private set; }
    public long Unchanged { get; private set; }
    public long Rejected { get; private set; }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.ToTable("ImportRuns");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.OfficialName).HasMaxLength(200);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(r => r.StartedAtUtc);
    }
}

/// <summary>The counters of a running import, added to in memory as records are read and batches saved, and written to
/// its <see cref="ImportRun"/> row after each saved batch (and every <see cref="ImportDossiers.BatchSize"/> records
/// read without one), so the row lags the saved dossiers by at most one batch.</summary>
public sealed class ImportCounters(Guid id)
{
    public Guid Id { get; } = id;
    public long Read { get; private set; }
    public long Imported { get; private set; }
    public long Updated { get; private set; }
    public long Unchanged { get; private set; }
    public long Rejected { get; private set; }
    internal long WrittenAtRead { get; set; }

    internal void CountRead() => Read++;

    internal void Add(long imported, long updated, long unchanged, long rejected)
    {
        Imported += imported;
        Updated += updated;
        Unchanged += unchanged;
        Rejected += rejected;
    }
}

/// <summary>Starts, moves and ends the <see cref="ImportRun"/> rows. Each write is one statement of its own, outside
/// the batches' transactions, on a context of its own: progress never holds a batch's locks.</summary>
public sealed class ImportProgress(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>What GET /api/dossiers/import/{id} answers.</summary>
    public sealed record View(
        Guid Id, string State, string StateName, DateTime StartedAtUtc, DateTime UpdatedAtUtc, DateTime? FinishedAtUtc, bool Finished,
        long Read, long Imported, long Updated, long Unchanged, long Rejected, double? RecordsPerSecond);

    /// <summary>Inserts the run's row; false when the id is taken (by this import or any other, on any node).</summary>
    public async Task<bool> StartAsync(ImportRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Set<ImportRun>().AnyAsync(r => r.Id == run.Id, ct)) return false;
        db.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two requests with the same Import-Id at once: the primary key lets one in.
            return false;
        }
    }

    public Task SaveAsync(ImportCounters counters, CancellationToken ct) => WriteAsync(counters, ImportState.Running, ct);

    /// <summary>The final counters and state. Written even when the request was cancelled (the client went away).</summary>
    public Task FinishAsync(ImportCounters counters, bool complete) =>
        WriteAsync(counters, complete ? ImportState.Finished : ImportState.Stopped, CancellationToken.None);

    private async Task WriteAsync(ImportCounters counters, ImportState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? finished = state == ImportState.Running ? null : now;
        counters.WrittenAtRead = counters.Read;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<ImportRun>().Where(r => r.Id == counters.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Read, counters.Read)
            .SetProperty(r => r.Imported, counters.Imported)
            .SetProperty(r => r.Updated, counters.Updated)
            .SetProperty(r => r.Unchanged, counters.Unchanged)
            .SetProperty(r => r.Rejected, counters.Rejected)
            .SetProperty(r => r.State, state)
            .SetProperty(r => r.UpdatedAtUtc, now)
            .SetProperty(r => r.FinishedAtUtc, finished), ct);
    }

    /// <summary>The run as its owner (or an administrator) sees it; null for an unknown id. A run still marked running
    /// whose row has not moved for <see cref="ImportRun.SilentFor"/> is shown stopped: its node is gone.</summary>
    public async Task<(View View, Guid OfficialId)?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Set<ImportRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } run) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var state = run.State == ImportState.Running && now - run.UpdatedAtUtc > ImportRun.SilentFor ? ImportState.Stopped : run.State;
        var seconds = ((run.FinishedAtUtc ?? run.UpdatedAtUtc) - run.StartedAtUtc).TotalSeconds;
        var view = new View(run.Id, state.ToString(), Name(state), run.StartedAtUtc, run.UpdatedAtUtc, run.FinishedAtUtc, state == ImportState.Finished,
            run.Read, run.Imported, run.Updated, run.Unchanged, run.Rejected, seconds >= 1 ? Math.Round(run.Read / seconds, 1) : null);
        return (view, run.OfficialId);
    }

    private static string Name(ImportState state) => state switch
    {
        ImportState.Running => "Đang nhập",
        ImportState.Finished => "Đã nhập xong",
        _ => "Đã dừng trước khi hết tệp (các lô đã lưu vẫn giữ; gửi lại tệp để nhập tiếp)",
    };
}
