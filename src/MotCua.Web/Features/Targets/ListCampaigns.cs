using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>The campaigns of a unit, newest first: <c>GET /api/campaigns?unit={agencyCode}</c>.</summary>
public static class ListCampaigns
{
    public sealed record Item(Guid Id, string Name, string? Decision, DateOnly Start, DateOnly End, int Weeks, IReadOnlyList<string> Metrics);

    public sealed record Result(string Unit, string UnitName, IReadOnlyList<Item> Items);

    public sealed class Handler(TargetsAccess access, AppDbContext db)
    {
        public async Task<Result> HandleAsync(string? unitCode, CancellationToken ct)
        {
            var unit = await access.ReadableAsync(unitCode, ct);
            var campaigns = await db.Set<Campaign>().AsNoTracking().Where(c => c.UnitId == unit.Id)
                .OrderByDescending(c => c.StartDate).ThenBy(c => c.Name).Take(200).ToListAsync(ct);
            return new Result(unit.AgencyCode, unit.Name,
                [.. campaigns.Select(c => new Item(c.Id, c.Name, c.Decision, c.StartDate, c.EndDate, c.Weeks.Count, [.. c.Metrics.Select(m => m.Code())]))]);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/campaigns", async (Handler handler, CancellationToken ct, string? unit) => TypedResults.Ok(await handler.HandleAsync(unit, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Campaigns")
            .WithName("ListCampaigns")
            .WithSummary("Các chiến dịch của đơn vị (mã định danh; mặc định đơn vị của cán bộ), mới nhất trước.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
