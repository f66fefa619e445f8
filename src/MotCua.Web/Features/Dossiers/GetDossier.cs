using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>One dossier with its history, for the officials of the units that hold or handled it.</summary>
public static class GetDossier
{
    public sealed record EventView(int Sequence, DateTime AtUtc, string Actor, string Role, string? Unit, string Kind, int? FromStatus, int ToStatus, string Description, string? Reason);

    public sealed record View(
        Guid Id, string? Code, string Procedure, string ProcedureCode, int Status, string StatusName, int Channel, string Applicant,
        DateTime? SubmittedAtUtc, DateTime? ReceivedAtUtc, DateTime? OriginalDueAtUtc, DateTime? DueAtUtc, DateTime? ProcessingEndedAtUtc,
        DateTime? ReturnedAtUtc, long FeesOwed, long AmountPaid, int Revision, IReadOnlyList<EventView> History);

    public sealed class Handler(AppDbContext db)
    {
        public async Task<View?> HandleAsync(Guid id, Guid viewerUnitId, CancellationToken ct)
        {
            var dossier = await db.Dossiers.AsNoTracking().AsSplitQuery()
                .Include(d => d.History).Include(d => d.Components).Include(d => d.Supplements)
                .SingleOrDefaultAsync(d => d.Id == id, ct);
            if (dossier is null) return null;
            // An official sees the dossiers of their unit, including those handed to it (cross-boundary, liên thông).
            var involved = dossier.ReceivingUnitId == viewerUnitId || dossier.CompetentUnitId == viewerUnitId || dossier.CurrentUnitId == viewerUnitId
                           || dossier.History.Any(e => e.UnitId == viewerUnitId);
            if (!involved) return null;
            var procedure = await db.Procedures.Where(p => p.Id == dossier.ProcedureId).Select(p => new { p.Code, p.Name }).SingleAsync(ct);
            return new View(dossier.Id, dossier.Code, procedure.Name, procedure.Code, (int)dossier.Status, dossier.Status.DisplayName(), (int)dossier.Channel,
                dossier.Applicant.FullName, dossier.SubmittedAtUtc, dossier.ReceivedAtUtc, dossier.OriginalDueAtUtc, dossier.DueAtUtc,
                dossier.ProcessingEndedAtUtc, dossier.ReturnedAtUtc, dossier.FeesOwed, dossier.AmountPaid, dossier.Revision,
                [.. dossier.History.OrderBy(e => e.Sequence).Select(e => new EventView(e.Sequence, e.AtUtc, e.ActorName, e.ActorRole, e.UnitName, e.Kind,
                    (int?)e.FromStatus, (int)e.ToStatus, e.Description, e.Reason))]);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id:guid}", async Task<Results<Ok<View>, ProblemHttpResult>> (Guid id, Handler handler, CurrentUser user, CancellationToken ct) =>
            {
                var view = user.UnitId is { } unitId ? await handler.HandleAsync(id, unitId, ct) : null;
                return view is null
                    ? TypedResults.Problem("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy")
                    : TypedResults.Ok(view);
            })
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithSummary("Xem hồ sơ và quá trình xử lý (chỉ cán bộ của đơn vị liên quan).");
}
