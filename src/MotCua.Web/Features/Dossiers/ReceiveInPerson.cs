using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính: the desk official checks the components and receives
/// the dossier; it gets its code and due date at once.</summary>
public static class ReceiveInPerson
{
    public sealed record Request(
        [Text(InputLimits.Code)] string ProcedureCode,
        ApplicantInput Applicant,
        [Items(InputLimits.Items)] IReadOnlyList<ComponentInput> Components,
        Channel Channel = Channel.Desk,
        DateTime? PostmarkAtUtc = null,
        Guid? CompetentUnitId = null,
        [Text(InputLimits.Summary)] string? Summary = null,
        [Number(1, InputLimits.Count)] int Sets = 1,
        [Number(1, InputLimits.Count)] int Copies = 1,
        [Number(1, InputLimits.Count)] int PagesPerCopy = 1,
        bool IdentityVerified = false);

    public sealed record Response(Guid Id, string Code, string LookupCode, DateTime ReceivedAtUtc, DateTime DueAtUtc, long FeesOwed);

    public sealed class Handler(AppDbContext db, IntakeBuilder intakes, DossierCodeGenerator codes, CalendarService calendars, TimeProvider clock)
    {
        public async Task<Dossier> HandleAsync(Request request, Actor actor, CancellationToken ct)
        {
            if (actor.UnitId is not { } unitId) throw new DomainException("Tài khoản chưa được gắn với đơn vị.");
            var built = await intakes.BuildAsync(request.ProcedureCode, unitId, request.CompetentUnitId, request.Applicant, request.Components,
                request.Channel, request.Summary, null, request.Sets, request.Copies, request.PagesPerCopy, request.IdentityVerified, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var calendar = await calendars.GetAsync(VietnamTime.ToLocal(now).Year, VietnamTime.ToLocal(now).Year + 1, ct);

            // The counter row and the dossier commit together: a failed reception gives its number back.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var code = await codes.NextAsync(built.AgencyCode, now, ct);
            var dossier = Dossier.ReceiveInPerson(built.Intake, request.Channel, code, request.PostmarkAtUtc, calendar, actor, now);
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return dossier;
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/desk", async Task<Results<Created<Response>, ValidationProblem>> (Request request, Handler handler, CurrentUser user, CancellationToken ct) =>
            {
                if (request.Channel == Channel.Online)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = ["Kênh tiếp nhận tại quầy chỉ có thể là trực tiếp (1) hoặc bưu chính (3)."] });
                var dossier = await handler.HandleAsync(request, user.As(OfficialRole.DeskOfficial), ct);
                return TypedResults.Created($"/api/dossiers/{dossier.Id}",
                    new Response(dossier.Id, dossier.Code!, dossier.LookupCode, dossier.ReceivedAtUtc!.Value, dossier.DueAtUtc!.Value, dossier.FeesOwed));
            })
            .RequireAuthorization(nameof(OfficialRole.DeskOfficial))
            .WithSummary("Tiếp nhận hồ sơ trực tiếp (kênh 1) hoặc qua bưu chính (kênh 3).");
}
