using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Online reception deadlines ([to confirm] as general rules in the domain brief, so configurable).</summary>
public sealed class ReceptionOptions
{
    public const string SectionName = "Reception";
    /// <summary>The official is notified of an online submission within this many working hours.</summary>
    public double NotifyWithinWorkingHours { get; set; } = 2;
    /// <summary>A missing or wrong online dossier is answered within this many working hours.</summary>
    public double AnswerWithinWorkingHours { get; set; } = 8;
    /// <summary>Procedures (codes; "*" for all) whose paper components marked "phải số hóa" must be scanned when
    /// received at the desk (Circular 01/2023: what the province decides). A reception without a scan then needs
    /// the reason, which the dossier's history keeps. Empty: the mark is a hint only.</summary>
    public List<string> DigitizeAtReception { get; set; } = [];

    public bool MustDigitizeAtReception(string procedureCode) =>
        DigitizeAtReception.Any(c => c == "*" || string.Equals(c, procedureCode, StringComparison.OrdinalIgnoreCase));
}

public enum DossierList
{
    /// <summary>Everything in the official's units (search).</summary>
    All,
    /// <summary>Online submissions waiting for reception (status 1), oldest first.</summary>
    AwaitingReception,
    /// <summary>Dossiers assigned to me and not finished.</summary>
    Mine,
    /// <summary>What the signed-in official's roles must act on next.</summary>
    MyActions,
    /// <summary>Open dossiers due within one working day.</summary>
    DueSoon,
    /// <summary>Open dossiers that are late (<see cref="Timeliness"/>): past the legal due date even after an apology,
    /// or overdue when the open supplement request was made.</summary>
    Late,
    /// <summary>Results ready to hand over (status 9).</summary>
    ToReturn,
}

/// <summary>Paused: a supplement was asked for after reception and the clock is stopped.</summary>
public enum DueState { None, OnTrack, DueSoon, Late, Paused }

/// <summary>The office's lists and search, paged, in SQL over indexed columns; only the page is loaded.</summary>
public static class ListDossiers
{
    public sealed record Query(DossierList List = DossierList.All, string? Q = null, DossierStatus? Status = null, int Page = 1, int PageSize = 20);

    public sealed record Item(
        Guid Id, string? Code, string Procedure, string Applicant, DossierStatus Status, string StatusName, ProcessingStage? Stage, Channel Channel,
        DateTime? SubmittedAtUtc, DateTime? ReceivedAtUtc, DateTime? DueAtUtc, DueState DueState, string? AssigneeName, Guid CurrentUnitId,
        DateTime? ReceptionDeadlineUtc, int Revision);

    public sealed record Page(IReadOnlyList<Item> Items, int PageNumber, int PageSize, bool HasMore);

    public sealed class Handler(AppDbContext db, DossierActions actions, CurrentUser user, CalendarService calendars, TimeProvider clock, IOptions<ReceptionOptions> reception)
    {
        public async Task<Page> HandleAsync(Query query, CancellationToken ct)
        {
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var pageNumber = Math.Max(1, query.Page);
            // Far past the end the offset would overflow int and wrap to the first page: such a page is just empty.
            if ((long)(pageNumber - 1) * pageSize > int.MaxValue - pageSize - 1) return new Page([], pageNumber, pageSize, false);
            var scope = (await actions.ScopeAsync(ct)).ToList();
            var now = clock.GetUtcNow().UtcDateTime;
            var year = VietnamTime.ToLocal(now).Year;
            var calendar = await calendars.GetAsync(year - 1, year + 1, ct);
            var soon = calendar.AddWorkingTime(now, calendar.OfficeHours.DayLength);

            var dossiers = db.Dossiers.AsNoTracking()
                .Where(d => scope.Contains(d.CurrentUnitId) || scope.Contains(d.ReceivingUnitId) || scope.Contains(d.CompetentUnitId));
            dossiers = Search(dossiers, query.Q);
            if (query.Status is { } status) dossiers = dossiers.Where(d => d.Status == status);
            var open = new[] { DossierStatus.Received, DossierStatus.InProgress, DossierStatus.SupplementRequested, DossierStatus.AwaitingFinancialObligation };
            // A dossier waiting for the applicant's supplement has its clock stopped: it does not come due.
            var running = new[] { DossierStatus.Received, DossierStatus.InProgress, DossierStatus.AwaitingFinancialObligation };
            dossiers = query.List switch
            {
                // Each order ends with the id, so that paging never repeats or skips dossiers with the same time.
                DossierList.AwaitingReception => dossiers.Where(d => d.Status == DossierStatus.Submitted).OrderBy(d => d.SubmittedAtUtc).ThenBy(d => d.Id),
                DossierList.Mine => dossiers.Where(d => d.AssigneeId == user.Id && open.Contains(d.Status)).OrderBy(d => d.DueAtUtc).ThenBy(d => d.Id),
                DossierList.MyActions => MyActions(dossiers).OrderBy(d => d.DueAtUtc).ThenBy(d => d.Id),
                DossierList.DueSoon => dossiers.Where(d => running.Contains(d.Status) && d.DueAtUtc >= now && d.DueAtUtc <= soon).OrderBy(d => d.DueAtUtc).ThenBy(d => d.Id),
                DossierList.Late => dossiers.Where(d => open.Contains(d.Status)).Where(Timeliness.Late(now)).OrderBy(d => d.DueAtUtc).ThenBy(d => d.Id),
                DossierList.ToReturn => dossiers.Where(d => d.Status == DossierStatus.Decided).OrderBy(d => d.ProcessingEndedAtUtc).ThenBy(d => d.Id),
                // A code search is answered by the code index in code order (docs/benchmarks.md); codes are unique.
                _ => IsCodeQuery(query.Q)
                    ? dossiers.OrderByDescending(d => d.Code)
                    : dossiers.OrderByDescending(d => d.SubmittedAtUtc).ThenByDescending(d => d.Id),
            };

            var rows = await dossiers
                .Skip((pageNumber - 1) * pageSize).Take(pageSize + 1)
                .Select(d => new
                {
                    d.Id, d.Code, d.ProcedureId, d.Applicant.FullName, d.Status, d.Stage, d.Channel, d.SubmittedAtUtc, d.ReceivedAtUtc,
                    d.DueAtUtc, d.ProcessingEndedAtUtc, d.AssigneeName, d.CurrentUnitId, d.Revision, d.SupplementCount,
                    PausedAtUtc = d.Supplements.Where(s => s.State != SupplementState.Answered).Max(s => (DateTime?)s.RequestedAtUtc),
                })
                .ToListAsync(ct);
            var procedureIds = rows.Select(r => r.ProcedureId).Distinct().ToList();
            var names = await db.Procedures.AsNoTracking().Where(p => procedureIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

            // The deadline shown for an online submission is the one to answer it (receive, ask once, or refuse).
            var answerWithin = TimeSpan.FromHours(reception.Value.AnswerWithinWorkingHours);
            var items = rows.Take(pageSize).Select(r => new Item(
                r.Id, r.Code, names.GetValueOrDefault(r.ProcedureId, ""), r.FullName, r.Status, r.Status.DisplayName(), r.Stage, r.Channel,
                r.SubmittedAtUtc, r.ReceivedAtUtc, r.DueAtUtc,
                new Timeliness(r.Status, r.DueAtUtc, r.ProcessingEndedAtUtc, r.SupplementCount, r.PausedAtUtc).StateAt(now, soon), r.AssigneeName, r.CurrentUnitId,
                r.Status == DossierStatus.Submitted && r.SubmittedAtUtc is { } submitted ? calendar.AddWorkingTime(calendar.ClockStart(submitted, null), answerWithin) : null,
                r.Revision)).ToList();
            return new Page(items, pageNumber, pageSize, rows.Count > pageSize);
        }

        /// <summary>What waits for the official's roles: the rows of the workflow table on the roles' work lists
        /// (reception at the desk, assignment for leaders, the specialist's own appraisals, signatures, issuance,
        /// returns), as one query. The list is already limited to the official's units, where their roles count.</summary>
        private IQueryable<Dossier> MyActions(IQueryable<Dossier> dossiers) =>
            dossiers.Where(DossierWorkflow.AwaitingAction(
                WorkflowActor.Official(Enum.GetValues<OfficialRole>().Where(user.IsInRole), dossierIsOurs: true, user.Id, user.UnitId)));

        /// <summary>Code prefix, personal ID or phone number exactly, or the beginning of the applicant's name
        /// without diacritics — each served by an index.</summary>
        private static IQueryable<Dossier> Search(IQueryable<Dossier> dossiers, string? q)
        {
            var text = q?.Trim();
            if (string.IsNullOrEmpty(text)) return dossiers;
            if (IsCodeQuery(text))
            {
                var code = text.ToUpperInvariant();
                var end = code + "\uffff";
                return dossiers.Where(d => d.Code!.CompareTo(code) >= 0 && d.Code.CompareTo(end) < 0);
            }
            var digits = new string(text.Where(char.IsDigit).ToArray());
            if (text.StartsWith('+') && digits.StartsWith("84", StringComparison.Ordinal)) digits = "0" + digits[2..];
            if (digits.Length >= 9 && digits.Length == text.Count(c => !char.IsWhiteSpace(c) && c != '.'))
                return dossiers.Where(d => d.Applicant.IdNumber == digits || d.Applicant.Phone == digits);
            var name = Text.SearchKey(text);
            var nameEnd = name + "\uffff";
            return dossiers.Where(d => d.Applicant.SearchName.CompareTo(name) >= 0 && d.Applicant.SearchName.CompareTo(nameEnd) < 0);
        }

        private static bool IsCodeQuery(string? q) => q?.Trim() is { Length: > 0 } t && (t.Contains('-') || t.Contains('.'));
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/", async Task<Ok<Page>> ([AsParameters] Query query, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(query, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithSummary("Danh sách, tìm kiếm hồ sơ của đơn vị: theo mã hồ sơ, họ tên (không dấu), số định danh hoặc số điện thoại; các danh sách công việc.");
}
