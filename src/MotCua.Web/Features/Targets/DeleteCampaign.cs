using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Targets;

/// <summary>Xóa chiến dịch: a campaign is a plan's schedule and milestones; its weekly figures are measured from the
/// dossiers, which stay, so erasing a campaign entered by mistake or withdrawn loses no record of work (unlike a plan
/// task, which carries evidence and is cancelled instead). <c>DELETE /api/campaigns/{id}?revision=</c> and the campaign page.</summary>
public static class DeleteCampaign
{
    public sealed class Handler(TargetsAccess access, AppDbContext db)
    {
        public async Task HandleAsync(Guid id, int? revision, CancellationToken ct)
        {
            var (campaign, _) = await CampaignAccess.WritableAsync(access, db, id, revision, ct);
            db.Remove(campaign);
            await db.SaveChangesAsync(ct);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/campaigns/{id:guid}", async (Guid id, int? revision, Handler handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(id, revision, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Campaigns")
            .WithName("DeleteCampaign")
            .WithSummary("Xóa chiến dịch (số liệu từng tuần được tính từ hồ sơ, hồ sơ không bị ảnh hưởng).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
