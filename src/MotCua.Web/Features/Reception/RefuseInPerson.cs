using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>Từ chối tiếp nhận at the desk or of a postal dossier (Form 03): the refusal is recorded as a dossier
/// with a code, so the applicant gets a numbered slip with the reason and the refusal counts in the reports.</summary>
public static class RefuseInPerson
{
    public sealed record Request(
        [Text(InputLimits.Code)] string ProcedureCode,
        ApplicantInput Applicant,
        [Items(InputLimits.Items)] IReadOnlyList<ComponentInput>? Components,
        [Text(InputLimits.Reason)] string Reason,
        Channel Channel = Channel.Desk,
        Guid? CompetentUnitId = null,
        [Text(InputLimits.Summary)] string? Summary = null,
        /// <summary>No longer taken (see <see cref="ReceiveInPerson.Request.IdentityVerified"/>): true is refused.</summary>
        bool? IdentityVerified = null,
        DateTime? PostmarkAtUtc = null,
        /// <summary>A lookup in the population database made by the same official in this sitting (<see cref="ReceiveInPerson.Request.IdentityVerification"/>).</summary>
        Guid? IdentityVerification = null);

    public sealed record Response(Guid Id, string Code, string LookupCode, DateTime RefusedAtUtc);

    public sealed class Handler(AppDbContext db, IntakeBuilder intakes, DossierCodeGenerator codes, TimeProvider clock, IPopulationVerifications verifications)
    {
        public async Task<Dossier> HandleAsync(Request request, Actor actor, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (actor.UnitId is not { } unitId) throw new DomainException("Tài khoản chưa được gắn với đơn vị.");
            if (request.Channel == Channel.Online)
                throw new DomainException("Hồ sơ nộp trực tuyến được từ chối trên trang tiếp nhận hồ sơ trực tuyến.");
            // Checked before a dossier number is taken, so a slip without a reason never reaches the counter.
            if (Text.NormalizeOrNull(request.Reason) is null) throw new DomainException("Chưa nhập lý do từ chối.");
            var given = request.Components ?? [];
            var population = await ReceiveInPerson.ConfirmIdentityAsync(verifications, request.IdentityVerified, request.IdentityVerification, request.Applicant, actor, ct);
            var intake = await RefusalIntakeAsync(request, unitId, given, population, ct);
            var now = clock.GetUtcNow().UtcDateTime;

            // The counter row and the dossier commit together: a failed refusal gives its number back.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var code = await codes.NextAsync(intake.AgencyCode, now, ct);
            var dossier = Dossier.RefuseInPerson(intake.Intake, request.Channel, code, request.Reason, actor, now, request.PostmarkAtUtc);
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return dossier;
        }

        /// <summary>A refusal is often *because* papers are missing, but <see cref="IntakeBuilder"/> refuses an
        /// incomplete intake. So the builder is given every required component — it still checks the procedure,
        /// units, applicant and unknown codes — and the intake then keeps only what the applicant really handed
        /// in. A refused dossier owes nothing, so it carries no fees.</summary>
        private async Task<IntakeBuilder.Built> RefusalIntakeAsync(Request request, Guid unitId, IReadOnlyList<ComponentInput> given, PopulationFacts? population,
            CancellationToken ct)
        {
            var procedureCode = request.ProcedureCode?.Trim() ?? "";
            var requirements = await (from p in db.Procedures
                                      from v in db.ProcedureVersions
                                      where p.Code == procedureCode && v.Id == p.CurrentVersionId
                                      select v.Content).AsNoTracking().SingleOrDefaultAsync(ct);
            var givenCodes = given.Select(c => c.RequirementCode).ToHashSet();
            var padded = given
                .Concat((requirements?.Components ?? []).Where(r => !givenCodes.Contains(r.Code)).Select(r => new ComponentInput(r.Code)))
                .ToList();
            // A refused dossier owes nothing, so no exemption is granted on it (nor its evidence asked for).
            var built = await intakes.BuildAsync(request.ProcedureCode ?? "", unitId, request.CompetentUnitId, request.Applicant with { ExemptionGroups = null }, padded,
                request.Channel, request.Summary, null, 1, 1, 1, population is null ? IdentityCheck.None : IdentityCheck.PopulationDatabase, ct,
                population: population);
            var kept = built.Intake.Components.Where(c => givenCodes.Contains(c.RequirementCode) || c.FromPopulationDatabase).ToList();
            return built with { Intake = built.Intake with { Components = kept, Fees = [] } };
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/desk/refusals", async Task<Results<Created<Response>, ValidationProblem>> (Request request, Handler handler, CurrentUser user, CancellationToken ct) =>
            {
                if (request.Channel == Channel.Online)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = ["Từ chối tại quầy chỉ áp dụng cho hồ sơ nộp trực tiếp (1) hoặc qua bưu chính (3)."] });
                var dossier = await handler.HandleAsync(request, user.As(OfficialRole.DeskOfficial), ct);
                return TypedResults.Created($"/api/dossiers/{dossier.Id}", new Response(dossier.Id, dossier.Code!, dossier.LookupCode, dossier.RefusedAtUtc!.Value));
            })
            .RequireAuthorization(nameof(OfficialRole.DeskOfficial))
            .WithSummary("Từ chối tiếp nhận hồ sơ nộp trực tiếp hoặc qua bưu chính (Mẫu 03): hồ sơ được cấp mã, ghi lý do; được phép thiếu thành phần.");
}
