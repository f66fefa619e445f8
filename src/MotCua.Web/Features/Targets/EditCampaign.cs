using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Sửa chiến dịch: the whole campaign as the form shows it (name, plan, dates, phases, weeks, milestones), by the
/// rules it was created with, on the revision the official saw. <c>PUT /api/campaigns/{id}</c> and the campaign page.
/// The weekly table is measured from the dossiers, so a correction rewrites nothing of them.</summary>
public static class EditCampaign
{
    public sealed record Request(string? Name, string? Decision, DateOnly? Start, DateOnly? End, IReadOnlyList<CampaignPhase>? Phases,
        IReadOnlyList<CampaignWeek>? Weeks, IReadOnlyList<CreateCampaign.Milestone>? Milestones, int? Revision);

    public sealed class Handler(TargetsAccess access, AppDbContext db, TimeProvider clock)
    {
        public async Task<CreateCampaign.Response> HandleAsync(Guid id, Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var (campaign, actor) = await CampaignAccess.WritableAsync(access, db, id, request.Revision, ct);
            var (start, end, milestones) = CreateCampaign.Check(request.Start, request.End, request.Milestones);
            campaign.Edit(request.Name ?? "", request.Decision, start, end, request.Phases ?? [], request.Weeks ?? [], milestones,
                actor, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return new CreateCampaign.Response(campaign.Id, campaign.Name);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut("/api/campaigns/{id:guid}", async (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Campaigns")
            .WithName("EditCampaign")
            .WithSummary("Sửa chiến dịch (toàn bộ: tên, kế hoạch, thời gian, giai đoạn, tuần, mốc chỉ tiêu) trên phiên bản (revision) đã xem, " +
                         "theo cùng quy tắc như khi lập.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

/// <summary>Finding a campaign to change it: a writer role first, then the campaign within the official's reach (its unit
/// or a unit above it; otherwise not found), then the revision they saw.</summary>
internal static class CampaignAccess
{
    public static async Task<(Campaign Campaign, Dossiers.Actor Actor)> WritableAsync(TargetsAccess access, AppDbContext db, Guid id, int? revision, CancellationToken ct)
    {
        var actor = access.Writer();
        var campaign = await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null || !await access.CanReadAsync(campaign.UnitId, ct)) throw new NotFoundException("Không tìm thấy chiến dịch.");
        if (revision is { } seen && seen != campaign.Revision)
            throw new ChangedException("Chiến dịch", $"{campaign.UpdatedBy ?? campaign.CreatedBy} đã sửa chiến dịch; hãy xem lại trước khi thay đổi.");
        return (campaign, actor);
    }
}
