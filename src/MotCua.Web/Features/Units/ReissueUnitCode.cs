using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>Cấp lại mã định danh: after a merger or a reorganisation a unit gets a new agency code by decision;
/// the old one stays in its history so that dossier codes issued under it still resolve.</summary>
public static class ReissueUnitCode
{
    /// <param name="ValidFrom">Local date from which the new code is in force.</param>
    public sealed record Request(string? NewCode, DateOnly ValidFrom, string? Decision);

    public sealed class Handler(AppDbContext db, UnitTree tree, TimeProvider clock, AuditLog audit)
    {
        /// <returns>Null when no unit has this id.</returns>
        /// <exception cref="DomainException">Every problem with the request at once; nothing was saved.</exception>
        public async Task<Unit?> HandleAsync(Guid id, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct);
            if (unit is null) return null;

            var code = UnitRules.ParseCode(request.NewCode, out var codeProblem);
            var problems = new List<string?>
            {
                codeProblem,
                UnitRules.EffectiveDateProblem(request.ValidFrom, clock),
                UnitRules.DecisionProblem(request.Decision, required: true),
            };
            if (code is not null) problems.Add(await UnitRules.CodeTakenProblemAsync(db, code, id, ct));
            if (problems.Any(p => p is not null)) throw UnitRules.Problems(problems);

            // The unit checks the rest: a different code, later than the one in force.
            var before = unit.AgencyCode;
            unit.ReissueAgencyCode(code!, UnitRules.StartOfDayUtc(request.ValidFrom), Text.NormalizeOrNull(request.Decision));
            audit.Record(AuditKind.UnitCodeReissued, nameof(Unit), unit.Id.ToString(), $"Cấp lại mã định danh của {unit.Name}: {before} → {unit.AgencyCode}.",
                new { AgencyCode = before }, new { unit.AgencyCode, request.ValidFrom, Decision = Text.NormalizeOrNull(request.Decision) });
            await UnitRules.SaveAsync(db, code!, id, ct);
            tree.Invalidate();
            return unit;
        }
    }
}
