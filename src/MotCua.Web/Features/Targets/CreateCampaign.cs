using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Lập chiến dịch: <c>POST /api/campaigns</c> and the office page.</summary>
public static class CreateCampaign
{
    public sealed record Milestone(int? Week, string? Metric, decimal Value);

    public sealed record Request(string? Unit, string? Name, string? Decision, DateOnly? Start, DateOnly? End,
        IReadOnlyList<CampaignPhase>? Phases, IReadOnlyList<CampaignWeek>? Weeks, IReadOnlyList<Milestone>? Milestones);

    public sealed record Response(Guid Id, string Name);

    public sealed class Handler(TargetsAccess access, AppDbContext db, TimeProvider clock)
    {
        public async Task<Response> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var (unit, actor) = await access.WritableAsync(request.Unit, ct);
            var (start, end, milestones) = Check(request.Start, request.End, request.Milestones);
            var campaign = new Campaign(unit.Id, request.Name ?? "", request.Decision, start, end, request.Phases ?? [], request.Weeks ?? [], milestones,
                actor, clock.GetUtcNow().UtcDateTime);
            db.Add(campaign);
            await db.SaveChangesAsync(ct);
            return new Response(campaign.Id, campaign.Name);
        }
    }

    /// <summary>The dates given and the milestones read (metric codes known, at least one): shared with <see cref="EditCampaign"/>.</summary>
    internal static (DateOnly Start, DateOnly End, List<CampaignMilestone> Milestones) Check(DateOnly? start, DateOnly? end, IReadOnlyList<Milestone>? given)
    {
        if (start is null || end is null) throw new DomainException("Hãy nhập ngày bắt đầu và ngày kết thúc của chiến dịch.");
        var milestones = new List<CampaignMilestone>();
        foreach (var m in given ?? [])
        {
            if (!TargetMetrics.TryParse(m.Metric, out var metric))
                throw new DomainException($"Chỉ tiêu \"{m.Metric}\" không có. Các chỉ tiêu: {string.Join(", ", TargetMetrics.All.Select(x => x.Code()))}.");
            milestones.Add(new CampaignMilestone(m.Week, metric, m.Value));
        }
        if (milestones.Count == 0) throw new DomainException("Hãy nhập ít nhất một chỉ tiêu của chiến dịch.");
        return (start.Value, end.Value, milestones);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/campaigns", PostAsync)
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Campaigns")
            .WithName("CreateCampaign")
            .WithSummary("Lập chiến dịch của đơn vị: tên, thời gian, các giai đoạn, các tuần (số, ngày bắt đầu, ngày kết thúc, nội dung) và " +
                         "các mốc chỉ tiêu (tuần — bỏ trống là mốc cả chiến dịch —, mã chỉ tiêu, tỷ lệ %).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<Response>> PostAsync(Request request, Handler handler, CancellationToken ct)
    {
        var created = await handler.HandleAsync(request, ct);
        return TypedResults.Created($"/api/campaigns/{created.Id}", created);
    }
}
