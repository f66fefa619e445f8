using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

public enum WeekState { Past, Current, Future }

/// <summary>A campaign with its weekly table: for each week, each metric measured over the dossiers received that week
/// in the unit and the units under it, the change from the week before (seed 004: "có số liệu cụ thể so sánh với tuần
/// 1 và 2"), and whether the week's milestone was met once the week is over. The last row is the campaign so far
/// against its overall milestones. <c>GET /api/campaigns/{id}</c> and /office/targets/campaigns/{id}.</summary>
public static class GetCampaign
{
    /// <param name="Change">Percentage points against the previous week that has data.</param>
    /// <param name="Met">Null while the week runs, without a milestone, or without dossiers.</param>
    public sealed record Cell(TargetMetric Metric, bool HasData, int? Numerator, int? Denominator, decimal? Percent, decimal? Change, decimal? Milestone, bool? Met);

    public sealed record WeekRow(int Number, DateOnly Start, DateOnly End, string? Work, string? Phase, WeekState State, IReadOnlyList<Cell> Cells);

    public sealed record MetricInfo(TargetMetric Metric, string Code, string Name, string Definition);

    public sealed record View(Guid Id, string Unit, string UnitName, string Name, string? Decision, DateOnly Start, DateOnly End,
        IReadOnlyList<CampaignPhase> Phases, IReadOnlyList<MetricInfo> Metrics, IReadOnlyList<WeekRow> Weeks, IReadOnlyList<Cell> SoFar, DateTime MeasuredAtUtc,
        IReadOnlyList<CampaignWeek> Schedule, IReadOnlyList<CampaignMilestone> Milestones, int Revision, string CreatedBy, DateTime? UpdatedAtUtc, string? UpdatedBy);

    public sealed class Handler(TargetsAccess access, MetricMeasures measures, AppDbContext db, UnitTree tree, TimeProvider clock)
    {
        public async Task<View> HandleAsync(Guid id, CancellationToken ct) =>
            await FindAsync(id, ct) ?? throw new NotFoundException("Không tìm thấy chiến dịch.");

        /// <summary>The campaign, or null when it does not exist or is out of the official's reach.</summary>
        public async Task<View?> FindAsync(Guid id, CancellationToken ct)
        {
            var campaign = await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
            if (campaign is null || !await access.CanReadAsync(campaign.UnitId, ct)) return null;
            var unit = (await tree.FindAsync(campaign.UnitId, ct))!;
            var scope = await access.SubtreeAsync(campaign.UnitId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var today = VietnamTime.Today(clock);
            var metrics = campaign.Metrics;
            var weeks = new List<WeekRow>();
            var previous = new Dictionary<TargetMetric, decimal>();
            foreach (var week in campaign.Weeks)
            {
                var state = today > week.End ? WeekState.Past : today >= week.Start ? WeekState.Current : WeekState.Future;
                var cells = new List<Cell>();
                foreach (var metric in metrics)
                {
                    var milestone = campaign.Milestones.SingleOrDefault(m => m.Week == week.Number && m.Metric == metric)?.Value;
                    if (state == WeekState.Future)
                    {
                        cells.Add(new Cell(metric, false, null, null, null, null, milestone, null));
                        continue;
                    }
                    var (from, to) = TargetsAccess.DaysUtc(week.Start, week.End);
                    var measure = await measures.MeasureAsync(metric, scope, from, to, now, ct);
                    var percent = measure.Percent;
                    decimal? change = percent is { } p && previous.TryGetValue(metric, out var before) ? p - before : null;
                    if (percent is { } value) previous[metric] = value;
                    bool? met = state == WeekState.Past && milestone is { } goal && percent is { } got ? got >= goal : null;
                    cells.Add(new Cell(metric, measure.HasData, measure.Numerator, measure.Denominator, percent, change, milestone, met));
                }
                var phase = campaign.Phases.FirstOrDefault(p => p.Start <= week.Start && week.Start <= p.End)?.Name;
                weeks.Add(new WeekRow(week.Number, week.Start, week.End, week.Work, phase, state, cells));
            }
            var soFar = new List<Cell>();
            if (today >= campaign.StartDate)
            {
                var (from, to) = TargetsAccess.DaysUtc(campaign.StartDate, today < campaign.EndDate ? today : campaign.EndDate);
                foreach (var metric in metrics)
                {
                    var milestone = campaign.Milestones.SingleOrDefault(m => m.Week is null && m.Metric == metric)?.Value;
                    var measure = await measures.MeasureAsync(metric, scope, from, to, now, ct);
                    bool? met = today > campaign.EndDate && milestone is { } goal && measure.Percent is { } got ? got >= goal : null;
                    soFar.Add(new Cell(metric, measure.HasData, measure.Numerator, measure.Denominator, measure.Percent, null, milestone, met));
                }
            }
            return new View(campaign.Id, unit.AgencyCode, unit.Name, campaign.Name, campaign.Decision, campaign.StartDate, campaign.EndDate,
                campaign.Phases, [.. metrics.Select(m => new MetricInfo(m, m.Code(), m.DisplayName(), m.Definition()))], weeks, soFar, now,
                campaign.Weeks, campaign.Milestones, campaign.Revision, campaign.CreatedBy, campaign.UpdatedAtUtc, campaign.UpdatedBy);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/campaigns/{id:guid}", async (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Campaigns")
            .WithName("GetCampaign")
            .WithSummary("Chiến dịch với bảng theo tuần: mỗi tuần, mỗi chỉ tiêu đo trên hồ sơ tiếp nhận trong tuần (tử số, mẫu số, tỷ lệ), " +
                         "thay đổi so với tuần trước (điểm %), mốc của tuần và đạt / không đạt khi tuần đã kết thúc; dòng cuối là cả chiến dịch đến nay.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
