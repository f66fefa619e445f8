using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>What the catalog's filters need from inside the current versions' JSON, held in memory: the fields
/// (lĩnh vực) with their names, and which procedures each kind of administrative unit may handle
/// (<see cref="ProcedureContent.CompetentUnitKinds"/>).</summary>
/// <remarks>
/// <para>The competent unit kinds are not a column (docs/adr/0005: only what lists filter on is copied out of the
/// document), and reading every current version's JSON on each search would cost a province's whole catalog
/// (a couple of thousand documents) per request. The set is small instead: one set of procedure codes per unit
/// kind, a few thousand short strings, and a search filters with <c>Code IN (...)</c> on the procedures'
/// unique code index.</para>
/// <para>It can never be stale for long because versions are append-only (docs/adr/0005: a change is a new
/// version; none is ever updated or deleted). The number of version rows therefore changes with every
/// change of any current version, so each use asks the database for that count (one COUNT over a table of a
/// few thousand rows) and rebuilds when it moved. This holds across the nodes of a cluster: each node sees
/// another node's publication on its next search. A rebuild reads only the versions it has not seen yet,
/// since a version's content never changes; the facts of versions no longer current are dropped.</para>
/// <para>If the catalog grows to where an IN list of codes is too long, copy the kinds into a column of the
/// version (a migration on both providers) and filter in SQL instead.</para>
/// </remarks>
public sealed class CatalogFacets : IDisposable
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private readonly ConcurrentDictionary<Guid, VersionFacts> _versions = new();
    private volatile Snapshot? _snapshot;

    private sealed record VersionFacts(string FieldCode, string FieldName, IReadOnlyList<UnitKind> Kinds);

    public sealed record Field(string Code, string Name);

    /// <summary>The facets of the catalog as of one count of versions.</summary>
    public sealed class Snapshot
    {
        private readonly FrozenDictionary<UnitKind, FrozenSet<string>> _codesByKind;

        internal Snapshot(int stamp, IReadOnlyList<Field> fields, FrozenSet<string> allCodes, FrozenDictionary<UnitKind, FrozenSet<string>> codesByKind)
        {
            Stamp = stamp;
            Fields = fields;
            AllCodes = allCodes;
            _codesByKind = codesByKind;
        }

        internal int Stamp { get; }

        /// <summary>Fields of the current versions, by name.</summary>
        public IReadOnlyList<Field> Fields { get; }

        /// <summary>Codes of every procedure that has a current version.</summary>
        public FrozenSet<string> AllCodes { get; }

        /// <summary>Codes of the procedures a unit of this kind may handle.</summary>
        public FrozenSet<string> CodesFor(UnitKind kind) => _codesByKind.GetValueOrDefault(kind, FrozenSet<string>.Empty);

        public bool HasField(string code) => Fields.Any(f => f.Code == code);
    }

    public void Dispose() => _rebuild.Dispose();

    public async Task<Snapshot> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stamp = await db.ProcedureVersions.CountAsync(ct);
        if (_snapshot is { } known && known.Stamp == stamp) return known;

        await _rebuild.WaitAsync(ct);
        try
        {
            if (_snapshot is { } built && built.Stamp == stamp) return built;
            // Read after the count: the snapshot is at least as new as its stamp. A version published in between
            // only makes the next use rebuild once more.
            var current = await (
                    from p in db.Procedures
                    from v in db.ProcedureVersions
                    where v.Id == p.CurrentVersionId
                    select new { p.Code, VersionId = v.Id })
                .AsNoTracking()
                .ToListAsync(ct);
            var missing = current.Select(c => c.VersionId).Where(id => !_versions.ContainsKey(id)).ToList();
            foreach (var chunk in missing.Chunk(500))
            {
                var loaded = await db.ProcedureVersions.AsNoTracking()
                    .Where(v => chunk.Contains(v.Id))
                    .Select(v => new { v.Id, v.Content })
                    .ToListAsync(ct);
                foreach (var v in loaded)
                    _versions[v.Id] = new VersionFacts(v.Content.FieldCode, v.Content.FieldName, [.. v.Content.CompetentUnitKinds]);
            }
            var currentIds = current.Select(c => c.VersionId).ToHashSet();
            foreach (var id in _versions.Keys.Where(id => !currentIds.Contains(id)).ToList()) _versions.TryRemove(id, out _);

            var facts = current.Select(c => (c.Code, Facts: _versions[c.VersionId])).ToList();
            var fields = facts
                .GroupBy(f => f.Facts.FieldCode, StringComparer.Ordinal)
                // Two versions may spell a field's name differently; the most used spelling is shown.
                .Select(g => new Field(g.Key, g.GroupBy(f => f.Facts.FieldName).OrderByDescending(n => n.Count()).ThenBy(n => n.Key, StringComparer.Ordinal).First().Key))
                .OrderBy(f => f.Name, StringComparer.Create(Vietnamese, ignoreCase: true))
                .ToList();
            var codesByKind = facts
                .SelectMany(f => f.Facts.Kinds.Select(kind => (Kind: kind, f.Code)))
                .GroupBy(x => x.Kind)
                .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Code).ToFrozenSet(StringComparer.Ordinal));
            var snapshot = new Snapshot(stamp, fields, facts.Select(f => f.Code).ToFrozenSet(StringComparer.Ordinal), codesByKind);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _rebuild.Release();
        }
    }
}
