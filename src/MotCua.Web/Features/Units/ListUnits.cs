using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>The unit hierarchy with agency codes and their history: public, as integrations and the national
/// portal identify units by these codes.</summary>
public static class ListUnits
{
    public sealed record CodeView(string Code, DateTime ValidFromUtc, DateTime? ValidToUtc, string? Decision);

    public sealed record UnitView(Guid Id, string Name, UnitKind Kind, Guid? ParentId, string AgencyCode, IReadOnlyList<CodeView> CodeHistory);

    public sealed class Handler(AppDbContext db)
    {
        public async Task<IReadOnlyList<UnitView>> HandleAsync(CancellationToken ct)
        {
            var units = await db.Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.AgencyCode).ToListAsync(ct);
            return [.. units.Select(View)];
        }

        /// <summary>Finds the unit that holds or held a code, so that dossier codes issued before a
        /// re-issue still resolve to their unit.</summary>
        public async Task<UnitView?> ByCodeAsync(string code, CancellationToken ct)
        {
            var normalized = code.Trim().ToUpperInvariant();
            var unitId = await db.AgencyCodeAssignments.Where(a => a.Code == normalized)
                .OrderByDescending(a => a.ValidFromUtc).Select(a => (Guid?)a.UnitId).FirstOrDefaultAsync(ct);
            if (unitId is null) return null;
            var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId, ct);
            return View(unit);
        }

        private static UnitView View(Unit u) => new(u.Id, u.Name, u.Kind, u.ParentId, u.AgencyCode,
            [.. u.CodeHistory.OrderBy(c => c.ValidFromUtc).Select(c => new CodeView(c.Code, c.ValidFromUtc, c.ValidToUtc, c.Decision))]);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units").WithTags("Units");
        group.MapGet("/", async (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithSummary("Danh sách cơ quan, đơn vị với mã định danh (QCVN 102) và lịch sử mã.");
        group.MapGet("/by-code/{code}", async Task<Results<Ok<UnitView>, ProblemHttpResult>> (string code, Handler handler, CancellationToken ct) =>
                await handler.ByCodeAsync(code, ct) is { } unit
                    ? TypedResults.Ok(unit)
                    : TypedResults.Problem($"Không có đơn vị nào mang hoặc từng mang mã định danh {code}.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy"))
            .WithSummary("Tìm đơn vị theo mã định danh hiện tại hoặc mã cũ (trước khi cấp lại).");
    }
}
