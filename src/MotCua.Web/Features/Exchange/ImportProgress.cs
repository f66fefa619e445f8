using System.Collections.Concurrent;

namespace MotCua.Web.Features.Exchange;

/// <summary>The imports running on this node and those finished in the last hour, with their counters, so that a long
/// import (a million records) can be followed while its request is still being answered. Kept in memory: it is
/// progress, not a record — the dossiers and their history are the record.</summary>
public sealed class ImportProgress(TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    public sealed class Entry(Guid id, Guid officialId, DateTime startedAtUtc)
    {
        private long _read;
        private long _imported;
        private long _updated;
        private long _unchanged;
        private long _rejected;

        public Guid Id { get; } = id;
        public Guid OfficialId { get; } = officialId;
        public DateTime StartedAtUtc { get; } = startedAtUtc;
        public DateTime? FinishedAtUtc { get; private set; }
        public long Read => Interlocked.Read(ref _read);
        public long Imported => Interlocked.Read(ref _imported);
        public long Updated => Interlocked.Read(ref _updated);
        public long Unchanged => Interlocked.Read(ref _unchanged);
        public long Rejected => Interlocked.Read(ref _rejected);

        internal void CountRead() => Interlocked.Increment(ref _read);
        internal void Add(long imported, long updated, long unchanged, long rejected)
        {
            Interlocked.Add(ref _imported, imported);
            Interlocked.Add(ref _updated, updated);
            Interlocked.Add(ref _unchanged, unchanged);
            Interlocked.Add(ref _rejected, rejected);
        }
        internal void Finish(DateTime atUtc) => FinishedAtUtc = atUtc;
    }

    /// <summary>What GET /api/dossiers/import/{id} answers.</summary>
    public sealed record View(Guid Id, DateTime StartedAtUtc, DateTime? FinishedAtUtc, bool Finished, long Read, long Imported, long Updated, long Unchanged, long Rejected);

    public Entry Start(Guid id, Guid officialId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in _entries.Values.Where(e => e.FinishedAtUtc < now - KeptFor)) _entries.TryRemove(old.Id, out _);
        var entry = new Entry(id, officialId, now);
        return _entries.TryAdd(id, entry) ? entry : throw new InvalidOperationException("An import with this id is already running.");
    }

    public bool IsRunning(Guid id) => _entries.ContainsKey(id);

    public void Finish(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Finish(clock.GetUtcNow().UtcDateTime);
    }

    public View? Find(Guid id) =>
        _entries.TryGetValue(id, out var e)
            ? new View(e.Id, e.StartedAtUtc, e.FinishedAtUtc, e.FinishedAtUtc is not null, e.Read, e.Imported, e.Updated, e.Unchanged, e.Rejected)
            : null;

    public Guid? OwnerOf(Guid id) => _entries.TryGetValue(id, out var e) ? e.OfficialId : null;
}
