using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>The unit hierarchy in memory (it is small and changes rarely), for the "own unit only" rule:
/// an official works within their administrative unit (commune, ward, or the province for provincial staff)
/// and every body inside it.</summary>
public sealed class UnitTree(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private const string Key = "unit-tree";

    public sealed record Node(Guid Id, Guid? ParentId, UnitKind Kind, string Name, string AgencyCode);

    private sealed record Snapshot(Dictionary<Guid, Node> Nodes, ILookup<Guid?, Node> Children);

    public void Invalidate() => cache.Remove(Key);

    private async Task<Snapshot> SnapshotAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(Key, async entry =>
        {
            // Other nodes of a cluster see an administrator's change within a minute.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var nodes = await db.Units.AsNoTracking().Select(u => new Node(u.Id, u.ParentId, u.Kind, u.Name, u.AgencyCode)).ToListAsync(ct);
            return new Snapshot(nodes.ToDictionary(n => n.Id), nodes.ToLookup(n => n.ParentId));
        }))!;

    public async Task<Node?> FindAsync(Guid id, CancellationToken ct) =>
        (await SnapshotAsync(ct)).Nodes.GetValueOrDefault(id);

    /// <summary>The administrative unit a body belongs to: itself if it is one, else its nearest ancestor that is.</summary>
    public async Task<Node> AdministrativeUnitOfAsync(Guid unitId, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        var node = snapshot.Nodes[unitId];
        while (!IsAdministrative(node.Kind) && node.ParentId is { } parent) node = snapshot.Nodes[parent];
        return node;
    }

    /// <summary>Every unit an official of <paramref name="unitId"/> may work on: their administrative unit and all below it.</summary>
    public async Task<HashSet<Guid>> ScopeOfAsync(Guid unitId, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        var root = await AdministrativeUnitOfAsync(unitId, ct);
        var scope = new HashSet<Guid>();
        var stack = new Stack<Guid>([root.Id]);
        while (stack.TryPop(out var id))
        {
            if (!scope.Add(id)) continue;
            foreach (var child in snapshot.Children[id]) stack.Push(child.Id);
        }
        return scope;
    }

    /// <summary>The province a unit lies in (itself for a province); null for a unit under no province.</summary>
    public async Task<Guid?> ProvinceOfAsync(Guid unitId, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        var node = snapshot.Nodes.GetValueOrDefault(unitId);
        while (node is { Kind: not UnitKind.Province, ParentId: { } parent }) node = snapshot.Nodes.GetValueOrDefault(parent);
        return node?.Kind == UnitKind.Province ? node.Id : null;
    }

    public static bool IsAdministrative(UnitKind kind) =>
        kind is UnitKind.Province or UnitKind.District or UnitKind.Commune or UnitKind.Ward or UnitKind.SpecialZone;
}
