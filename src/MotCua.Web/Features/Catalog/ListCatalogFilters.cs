using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>The choices of the public catalog's filters: the fields (lĩnh vực) of the procedures as published now,
/// and the administrative units where a citizen can submit (the province, its communes, wards and special zones).</summary>
public static class ListCatalogFilters
{
    public sealed record UnitOption(Guid Id, string Name, UnitKind Kind);

    /// <param name="Units">The province (and any district of older data) first, then communes, wards and special
    /// zones by name.</param>
    public sealed record Result(IReadOnlyList<CatalogFacets.Field> Fields, IReadOnlyList<UnitOption> Units);

    public sealed class Handler(AppDbContext db, CatalogFacets facets)
    {
        private static readonly StringComparer ByName = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

        public async Task<Result> HandleAsync(CancellationToken ct)
        {
            var snapshot = await facets.CurrentAsync(db, ct);
            // A province has a few hundred administrative units at most; the bodies inside them are not listed.
            var units = await db.Units.AsNoTracking()
                .Where(u => u.IsActive && (u.Kind == UnitKind.Province || u.Kind == UnitKind.District || u.Kind == UnitKind.Commune
                                           || u.Kind == UnitKind.Ward || u.Kind == UnitKind.SpecialZone))
                .Select(u => new UnitOption(u.Id, u.Name, u.Kind))
                .ToListAsync(ct);
            var ordered = units
                .OrderBy(u => u.Kind switch { UnitKind.Province => 0, UnitKind.District => 1, _ => 2 })
                .ThenBy(u => u.Name, ByName)
                .ToList();
            return new Result(snapshot.Fields, ordered);
        }
    }
}
