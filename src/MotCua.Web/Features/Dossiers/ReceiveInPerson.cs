using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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
        /// <summary>Receives, or returns the dossier already received under the same <paramref name="receptionKey"/>
        /// (<see cref="ReceptionKey"/>).</summary>
        public async Task<Dossier> HandleAsync(Request request, Actor actor, CancellationToken ct, string? receptionKey = null)
        {
            if (actor.UnitId is not { } unitId) throw new DomainException("Tài khoản chưa được gắn với đơn vị.");
            var key = ReceptionKey.For(actor, receptionKey);
            if (key is { } k && await ReceptionKey.FindAsync(db, k, request, ct) is { } already) return already;
            var built = await intakes.BuildAsync(request.ProcedureCode, unitId, request.CompetentUnitId, request.Applicant, request.Components,
                request.Channel, request.Summary, null, request.Sets, request.Copies, request.PagesPerCopy, request.IdentityVerified, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var calendar = await calendars.GetAsync(VietnamTime.ToLocal(now).Year, VietnamTime.ToLocal(now).Year + 1, ct);

            try
            {
                // The counter row and the dossier commit together: a failed reception gives its number back.
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var code = await codes.NextAsync(built.AgencyCode, now, ct);
                var dossier = Dossier.ReceiveInPerson(built.Intake, request.Channel, code, request.PostmarkAtUtc, calendar, actor, now, key);
                db.Dossiers.Add(dossier);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return dossier;
            }
            catch (DbUpdateException) when (key is { } racing)
            {
                // The same request, sent twice at once, was received by the other one (the unique key decided).
                db.ChangeTracker.Clear();
                var existing = await ReceptionKey.FindAsync(db, racing, request, ct);
                if (existing is null) throw;
                return existing;
            }
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/desk", async Task<Results<Created<Response>, ValidationProblem>> (Request request, Handler handler, CurrentUser user,
                [FromHeader(Name = ReceptionKey.Header)] string? idempotencyKey, CancellationToken ct) =>
            {
                if (request.Channel == Channel.Online)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = ["Kênh tiếp nhận tại quầy chỉ có thể là trực tiếp (1) hoặc bưu chính (3)."] });
                if (ReceptionKey.Problem(idempotencyKey) is { } problem)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ReceptionKey.Header] = [problem] });
                // A repeat answers exactly as the first request did: 201 with the same dossier.
                var dossier = await handler.HandleAsync(request, user.As(OfficialRole.DeskOfficial), ct, idempotencyKey);
                return TypedResults.Created($"/api/dossiers/{dossier.Id}",
                    new Response(dossier.Id, dossier.Code!, dossier.LookupCode, dossier.ReceivedAtUtc!.Value, dossier.DueAtUtc!.Value, dossier.FeesOwed));
            })
            .RequireAuthorization(nameof(OfficialRole.DeskOfficial))
            .WithSummary("Tiếp nhận hồ sơ trực tiếp (kênh 1) hoặc qua bưu chính (kênh 3).")
            .WithDescription($"Tiêu đề {ReceptionKey.Header} (tùy chọn, khuyến nghị): gửi lại yêu cầu với cùng khóa trả về đúng hồ sơ đã tiếp nhận, không tạo hồ sơ thứ hai.");
}
