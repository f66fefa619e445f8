using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Tracking;

/// <summary>Tra cứu hồ sơ: anyone holding the dossier code and the lookup code printed beside it on the receipt (or
/// its QR code) sees how the dossier is progressing — without the applicant's personal details or officials' names.</summary>
public static class LookupDossier
{
    /// <summary>The one answer to every failure, so that a guess never learns whether a code exists.</summary>
    public const string NotFound = "Không tìm thấy hồ sơ với mã và mã tra cứu này. Vui lòng kiểm tra lại mã hồ sơ và mã tra cứu trên Giấy tiếp nhận hồ sơ.";

    public sealed record TimelineStep(DateTime AtUtc, string What, string By, string? StatusAfter);

    /// <param name="DueAtUtc">The date the applicant is told: after an apology, its new date.</param>
    public sealed record View(
        string Code, string Procedure, string Applicant, int Status, string StatusName, string Channel,
        DateTime? SubmittedAtUtc, DateTime? ReceivedAtUtc, DateTime? DueAtUtc, bool DueDateMovedByApology, bool IsLate,
        string CurrentUnit, bool WaitingForSupplement, bool ResultIssued, DateTime? ReturnedAtUtc, IReadOnlyList<TimelineStep> Timeline);

    public sealed class Handler(AppDbContext db, UnitTree units, TimeProvider clock)
    {
        public async Task<View?> HandleAsync(string? code, string? lookupCode, CancellationToken ct)
        {
            var wanted = CitizenDossiers.NormalizeCode(code);
            var key = lookupCode?.Trim().ToUpperInvariant();
            if (wanted is null || string.IsNullOrEmpty(key)) return null;
            var d = await db.Dossiers.AsNoTracking().AsSplitQuery().Include(x => x.History).Include(x => x.Results).Include(x => x.Supplements)
                .SingleOrDefaultAsync(x => x.Code == wanted, ct);
            // Compared in constant time: the answer's timing must not tell how much of a guessed lookup code was right.
            if (d is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(d.LookupCode), Encoding.UTF8.GetBytes(key))) return null;
            var procedure = await db.Procedures.AsNoTracking().Where(p => p.Id == d.ProcedureId).Select(p => p.Name).SingleAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            return new View(
                d.Code!, procedure, CitizenTimeline.MaskName(d.Applicant.FullName, d.Applicant.Kind), (int)d.Status, d.Status.DisplayName(),
                d.Channel.DisplayName(), d.SubmittedAtUtc, d.ReceivedAtUtc, d.PromisedDueAtUtc, d.Apology is not null,
                d.IsLate(now),
                (await units.FindAsync(d.CurrentUnitId, ct))?.Name ?? "",
                d.Status == DossierStatus.SupplementRequested,
                d.Results.Count > 0, d.ReturnedAtUtc,
                [.. d.History.OrderBy(e => e.Sequence).Select(CitizenTimeline.ForPublic)
                    .Select(e => new TimelineStep(e.AtUtc, e.What, e.Unit is null ? e.Role : $"{e.Role}, {e.Unit}", e.StatusAfter))]);
        }
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/tracking/{code}", async Task<Results<Ok<View>, ProblemHttpResult>> (string code, string? lookupCode, Handler handler, CancellationToken ct) =>
                await handler.HandleAsync(code, lookupCode, ct) is { } view
                    ? TypedResults.Ok(view)
                    : TypedResults.Problem(NotFound, statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy"))
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Tracking")
            .WithSummary("Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu (in trên Giấy tiếp nhận); không cần đăng nhập, không trả về thông tin cá nhân.");
}
