using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>The units the desk may name as competent at reception: within a province dossiers are received
/// regardless of administrative boundary (không phụ thuộc địa giới hành chính), so every active administrative
/// unit of the desk's province whose kind may decide the procedure — the desk's own first, as the default.</summary>
public static class CompetentUnitChoices
{
    public sealed record Choice(Guid Id, string Name);

    public sealed record Result(Guid? Default, IReadOnlyList<Choice> Choices);

    public sealed class Handler(AppDbContext db, UnitTree units)
    {
        public async Task<Result> HandleAsync(ProcedureContent content, Guid deskUnitId, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(content);
            var own = await units.AdministrativeUnitOfAsync(deskUnitId, ct);
            var province = await units.ProvinceOfAsync(own.Id, ct);
            var kinds = content.CompetentUnitKinds.Where(UnitTree.IsAdministrative).ToList();
            // Administrative units only: a few hundred rows in a province.
            var candidates = await db.Units.AsNoTracking().Where(u => u.IsActive && kinds.Contains(u.Kind))
                .Select(u => new Choice(u.Id, u.Name)).ToListAsync(ct);
            var inProvince = new List<Choice>();
            foreach (var c in candidates)
                if (await units.ProvinceOfAsync(c.Id, ct) == province) inProvince.Add(c);
            var ordered = inProvince.OrderBy(c => c.Id == own.Id ? 0 : 1).ThenBy(c => Text.SearchKey(c.Name), StringComparer.Ordinal).ToList();
            return new Result(ordered.Any(c => c.Id == own.Id) ? own.Id : null, ordered);
        }
    }
}
