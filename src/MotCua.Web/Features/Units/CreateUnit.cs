using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>An administrator adds a unit to the hierarchy: a commune or ward after a reorganisation, or a body
/// (department, one-stop desk, service centre) inside one, with its agency code.</summary>
public static class CreateUnit
{
    /// <param name="CodeValidFrom">Local date from which the code is in force (the decision's date).</param>
    public sealed record Request(string? Name, UnitKind? Kind, Guid? ParentId, string? AgencyCode, DateOnly CodeValidFrom, string? Decision);

    public sealed class Handler(AppDbContext db, UnitTree tree, TimeProvider clock, AuditLog audit)
    {
        /// <exception cref="DomainException">Every problem with the request at once; nothing was saved.</exception>
        public async Task<Unit> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var problems = new List<string?> { UnitRules.NameProblem(request.Name) };
            var kind = request.Kind is { } k && Enum.IsDefined(k) ? k : (UnitKind?)null;
            if (kind is null) problems.Add("Hãy chọn loại đơn vị.");
            UnitKind? parentKind = null;
            if (request.ParentId is { } parentId)
            {
                parentKind = await db.Units.AsNoTracking().Where(u => u.Id == parentId && u.IsActive).Select(u => (UnitKind?)u.Kind).SingleOrDefaultAsync(ct);
                if (parentKind is null) problems.Add("Không tìm thấy đơn vị cấp trên đã chọn.");
            }
            if (kind is not null && (request.ParentId is null || parentKind is not null))
                problems.Add(UnitRules.ParentProblem(kind.Value, parentKind));
            var code = UnitRules.ParseCode(request.AgencyCode, out var codeProblem);
            problems.Add(codeProblem);
            problems.Add(UnitRules.EffectiveDateProblem(request.CodeValidFrom, clock));
            problems.Add(UnitRules.DecisionProblem(request.Decision, required: false));
            if (code is not null) problems.Add(await UnitRules.CodeTakenProblemAsync(db, code, null, ct));
            if (problems.Any(p => p is not null)) throw UnitRules.Problems(problems);

            var unit = new Unit(Guid.CreateVersion7(), request.Name!, kind!.Value, request.ParentId, code!,
                UnitRules.StartOfDayUtc(request.CodeValidFrom), Text.NormalizeOrNull(request.Decision));
            db.Units.Add(unit);
            audit.Record(AuditKind.UnitCreated, nameof(Unit), unit.Id.ToString(), $"Tạo đơn vị {unit.Name} ({unit.AgencyCode}).",
                after: new { unit.Name, unit.Kind, unit.ParentId, unit.AgencyCode, CodeValidFrom = request.CodeValidFrom, Decision = Text.NormalizeOrNull(request.Decision) });
            await UnitRules.SaveAsync(db, code!, null, ct);
            tree.Invalidate();
            return unit;
        }
    }
}
