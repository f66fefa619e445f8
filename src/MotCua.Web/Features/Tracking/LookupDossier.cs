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
            var d = await Read(db, wanted, ct);
            // Compared in constant time: the answer's timing must not tell how much of a guessed lookup code was right.
            if (d is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(d.LookupCode), Encoding.UTF8.GetBytes(key))) return null;
            var now = clock.GetUtcNow().UtcDateTime;
            return new View(
                d.Code!, d.Procedure ?? "", CitizenTimeline.MaskName(d.ApplicantName, d.ApplicantKind), (int)d.Status, d.Status.DisplayName(),
                d.Channel.DisplayName(), d.SubmittedAtUtc, d.ReceivedAtUtc, Timeliness.PromisedDue(d.DueAtUtc, d.NewDueUtc), d.NewDueUtc is not null,
                new Timeliness(d.Status, d.DueAtUtc, d.EndedAtUtc, d.SupplementCount, d.PausedAtUtc).IsLate(now),
                (await units.FindAsync(d.CurrentUnitId, ct))?.Name ?? "",
                d.Status == DossierStatus.SupplementRequested,
                d.HasResults, d.ReturnedAtUtc,
                [.. d.History.Select(e => CitizenTimeline.ForPublic(e.AtUtc, e.Kind, e.ActorRole, e.UnitName, e.FromStatus, e.ToStatus))
                    .Select(e => new TimelineStep(e.AtUtc, e.What, e.Unit is null ? e.Role : $"{e.Role}, {e.Unit}", e.StatusAfter))]);
        }

        /// <summary>The public lookup is the most frequent request of the portal, so it is one compiled, untracked
        /// statement that reads only the columns it shows (docs/adr/0035a): the dossier, its procedure's name, what
        /// lateness is judged on, and its history in order.</summary>
        private static readonly Func<AppDbContext, string, CancellationToken, Task<Row?>> Read = EF.CompileAsyncQuery(
            (AppDbContext db, string code, CancellationToken ct) => db.Dossiers.AsNoTracking()
                .Where(d => d.Code == code)
                .Select(d => new Row(
                    d.Code, d.LookupCode, db.Procedures.Where(p => p.Id == d.ProcedureId).Select(p => p.Name).FirstOrDefault(),
                    d.Applicant.FullName, d.Applicant.Kind, d.Status, d.Channel, d.SubmittedAtUtc, d.ReceivedAtUtc, d.DueAtUtc,
                    d.Apology == null ? null : (DateTime?)d.Apology.NewDueUtc, d.ProcessingEndedAtUtc, d.SupplementCount,
                    d.Supplements.Where(s => s.State != SupplementState.Answered).Max(s => (DateTime?)s.RequestedAtUtc),
                    d.CurrentUnitId, d.Results.Any(), d.ReturnedAtUtc,
                    d.History.OrderBy(e => e.Sequence)
                        .Select(e => new EventRow(e.AtUtc, e.Kind, e.ActorRole, e.UnitName, e.FromStatus, e.ToStatus)).ToList()))
                .SingleOrDefault());

        private sealed record Row(
            string? Code, string LookupCode, string? Procedure, string ApplicantName, ApplicantKind ApplicantKind, DossierStatus Status,
            Channel Channel, DateTime? SubmittedAtUtc, DateTime? ReceivedAtUtc, DateTime? DueAtUtc, DateTime? NewDueUtc, DateTime? EndedAtUtc,
            int SupplementCount, DateTime? PausedAtUtc, Guid CurrentUnitId, bool HasResults, DateTime? ReturnedAtUtc, List<EventRow> History);

        private sealed record EventRow(DateTime AtUtc, DossierEventKind Kind, string ActorRole, string? UnitName, DossierStatus? FromStatus, DossierStatus ToStatus);
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
