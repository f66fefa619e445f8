using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Tracking;

/// <summary>Hồ sơ của tôi: the citizen's dossiers, newest first, a page at a time, with what asks for their
/// attention (a supplement to answer, a result to rate).</summary>
public static class ListMyDossiers
{
    public const int PageSize = 20;

    /// <param name="DueAtUtc">The date the applicant is told (after an apology, its new date).</param>
    /// <param name="IsLate">Late against the legal due date (<see cref="Timeliness"/>), even after an apology.</param>
    public sealed record Item(
        string Code, string Procedure, string Summary, DossierStatus Status, DateTime? SubmittedAtUtc, DateTime? DueAtUtc,
        bool IsLate, bool NeedsSupplement, bool AwaitsRating);

    public sealed record Page(IReadOnlyList<Item> Items, int PageNumber, int PageCount, int Total);

    public sealed class Handler(CitizenDossiers citizens, Infrastructure.AppDbContext db, TimeProvider clock)
    {
        public async Task<Page> HandleAsync(int pageNumber, CancellationToken ct)
        {
            var mine = await citizens.MineAsync(ct);
            var total = await mine.CountAsync(ct);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var number = Math.Clamp(pageNumber, 1, pageCount);
            var rows = await mine
                .OrderByDescending(d => d.SubmittedAtUtc).ThenByDescending(d => d.Id)
                .Skip((number - 1) * PageSize).Take(PageSize)
                .Select(d => new
                {
                    d.Code,
                    Procedure = db.Procedures.Where(p => p.Id == d.ProcedureId).Select(p => p.Name).Single(),
                    d.Summary, d.Status, d.SubmittedAtUtc, d.DueAtUtc, d.ProcessingEndedAtUtc, d.SupplementCount,
                    ApologyNewDueUtc = d.Apology == null ? (DateTime?)null : d.Apology.NewDueUtc,
                    PausedAtUtc = d.Supplements.Where(s => s.State != SupplementState.Answered).Max(s => (DateTime?)s.RequestedAtUtc),
                    Rated = db.SatisfactionRatings.Any(r => r.DossierId == d.Id),
                })
                .ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var items = rows.Select(r => new Item(r.Code ?? "", r.Procedure, r.Summary, r.Status, r.SubmittedAtUtc,
                Timeliness.PromisedDue(r.DueAtUtc, r.ApologyNewDueUtc),
                new Timeliness(r.Status, r.DueAtUtc, r.ProcessingEndedAtUtc, r.SupplementCount, r.PausedAtUtc).IsLate(now),
                r.Status == DossierStatus.SupplementRequested,
                r.Status == DossierStatus.Returned && !r.Rated)).ToList();
            return new Page(items, number, pageCount, total);
        }
    }
}
