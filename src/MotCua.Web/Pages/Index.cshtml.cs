using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages;

public sealed class IndexModel(AppDbContext db, TimeProvider clock, IMemoryCache cache, IOptions<TimelinessOptions> timeliness) : PageModel
{
    /// <summary>The home page is the portal's busiest page and its figures count every dossier of the province:
    /// counted at most once in this interval per node, not on every visit.</summary>
    private static readonly TimeSpan FiguresFor = TimeSpan.FromMinutes(5);

    private sealed record Figures(string? ProvinceName, int Units, int Procedures, int Dossiers, int Ended, int OnTime, int Early);

    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("vi-VN");
    public string? ProvinceName { get; private set; }
    public int Units { get; private set; }
    public int Procedures { get; private set; }
    public int Dossiers { get; private set; }
    public string OnTimeText { get; private set; } = "—";
    /// <summary>The early share (<see cref="TimelinessClass.Early"/>) among the settled ones, within the on-time share.</summary>
    public string? EarlyText { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var figures = await cache.GetOrCreateAsync(typeof(IndexModel), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = FiguresFor;
            return await CountAsync(ct);
        }) ?? await CountAsync(ct);
        (ProvinceName, Units, Procedures, Dossiers) = (figures.ProvinceName, figures.Units, figures.Procedures, figures.Dossiers);
        if (figures.Ended > 0)
        {
            OnTimeText = (figures.OnTime / (double)figures.Ended).ToString("P1", Culture);
            EarlyText = (figures.Early / (double)figures.Ended).ToString("P1", Culture);
        }
    }

    private async Task<Figures> CountAsync(CancellationToken ct)
    {
        var province = await db.Units.Where(u => u.Kind == UnitKind.Province).OrderBy(u => u.Name).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var settled = db.Dossiers.Where(d => d.Status == DossierStatus.Decided || d.Status == DossierStatus.Returned);
        // Classified as everywhere else: against the legal due date, whatever an apology promised; one grouped count.
        var counts = await settled.Select(Timeliness.Class(clock.GetUtcNow().UtcDateTime, timeliness.Value.EarlyByDays))
            .GroupBy(c => c).Select(g => new { Class = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Class, g => g.Count, ct);
        return new Figures(province, await db.Units.CountAsync(ct), await db.Procedures.CountAsync(ct), await db.Dossiers.CountAsync(ct),
            counts.Values.Sum(), counts.GetValueOrDefault(TimelinessClass.Early) + counts.GetValueOrDefault(TimelinessClass.OnTime),
            counts.GetValueOrDefault(TimelinessClass.Early));
    }
}
