using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>Where a citizen may submit a procedure online: the administrative units whose kind may decide it
/// (communes, wards, special zones for a commune-level procedure). The dossier is received by that unit's one-stop
/// desk or public service centre when it has one, so that the desk officials find it in their reception list.</summary>
public sealed class SubmissionPlaces(AppDbContext db)
{
    /// <param name="Id">The administrative unit the citizen chose.</param>
    /// <param name="ReceivingUnitId">The body that receives the dossier: the unit's desk, or the unit itself.</param>
    public sealed record Place(Guid Id, string Name, Guid ReceivingUnitId, string ReceivingUnitName);

    public async Task<IReadOnlyList<Place>> ForAsync(ProcedureContent content, CancellationToken ct)
    {
        var kinds = content.CompetentUnitKinds.Where(UnitTree.IsAdministrative).ToHashSet();
        if (kinds.Count == 0) return [];
        // Administrative units and desks only: a few hundred rows in a province.
        var units = await db.Units.AsNoTracking()
            .Where(u => u.IsActive && (u.Kind == UnitKind.Province || u.Kind == UnitKind.District || u.Kind == UnitKind.Commune
                                       || u.Kind == UnitKind.Ward || u.Kind == UnitKind.SpecialZone
                                       || u.Kind == UnitKind.PublicServiceCenter || u.Kind == UnitKind.OneStopDesk))
            .Select(u => new { u.Id, u.Name, u.Kind, u.ParentId })
            .ToListAsync(ct);
        var desks = units
            .Where(u => u.Kind is UnitKind.PublicServiceCenter or UnitKind.OneStopDesk && u.ParentId is not null)
            // A public service centre takes every procedure of its unit; a one-stop desk is the older arrangement.
            .OrderBy(u => u.Kind == UnitKind.PublicServiceCenter ? 0 : 1).ThenBy(u => u.Name, StringComparer.Ordinal)
            .GroupBy(u => u.ParentId!.Value)
            .ToDictionary(g => g.Key, g => g.First());
        return units
            .Where(u => kinds.Contains(u.Kind))
            .Select(u => desks.TryGetValue(u.Id, out var desk)
                ? new Place(u.Id, u.Name, desk.Id, desk.Name)
                : new Place(u.Id, u.Name, u.Id, u.Name))
            .OrderBy(p => Text.SearchKey(p.Name), StringComparer.Ordinal)
            .ToList();
    }
}
