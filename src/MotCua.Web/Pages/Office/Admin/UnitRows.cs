using MotCua.Web.Features.Units;

namespace MotCua.Web.Pages.Office.Admin;

/// <summary>The unit list in tree order (each unit followed by the units under it), with each unit's depth, for
/// the tree table and for the unit choosers.</summary>
public static class UnitRows
{
    public sealed record Row(ListUnits.UnitView Unit, int Depth)
    {
        /// <summary>An option's text shows the depth with dashes: a select cannot indent.</summary>
        public string OptionText => $"{string.Concat(Enumerable.Repeat("— ", Depth))}{Unit.Name} ({Unit.AgencyCode})";

        /// <summary>The tree table's indentation, written with a dot whatever the server's culture (CSS needs one).</summary>
        public string Indent => FormattableString.Invariant($"{0.5 + (Depth * 1.5)}rem");
    }

    public static IReadOnlyList<Row> Build(IReadOnlyList<ListUnits.UnitView> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var ids = units.Select(u => u.Id).ToHashSet();
        var children = units.ToLookup(u => u.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        var rows = new List<Row>(units.Count);
        var stack = new Stack<(ListUnits.UnitView Unit, int Depth)>();
        foreach (var root in children[null].OrderByDescending(Order)) stack.Push((root, 0));
        while (stack.TryPop(out var item))
        {
            rows.Add(new Row(item.Unit, item.Depth));
            foreach (var child in children[item.Unit.Id].OrderByDescending(Order)) stack.Push((child, item.Depth + 1));
        }
        return rows;
    }

    // Administrative levels first, then bodies; by code within each.
    private static (bool, string) Order(ListUnits.UnitView u) => (!UnitTree.IsAdministrative(u.Kind), u.AgencyCode);
}
