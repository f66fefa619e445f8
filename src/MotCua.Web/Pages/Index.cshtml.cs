using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages;

public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("vi-VN");
    public string? ProvinceName { get; private set; }
    public int Units { get; private set; }
    public int Procedures { get; private set; }
    public int Dossiers { get; private set; }
    public string OnTimeText { get; private set; } = "—";
    public int Year { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime).Year;
        ProvinceName = await db.Units.Where(u => u.Kind == UnitKind.Province).Select(u => u.Name).FirstOrDefaultAsync(ct);
        Units = await db.Units.CountAsync(ct);
        Procedures = await db.Procedures.CountAsync(ct);
        Dossiers = await db.Dossiers.CountAsync(ct);
        var ended = await db.Dossiers
            .Where(d => d.Status == DossierStatus.Decided || d.Status == DossierStatus.Returned)
            .GroupBy(_ => 1)
            .Select(g => new { All = g.Count(), OnTime = g.Count(d => d.ProcessingEndedAtUtc <= d.DueAtUtc) })
            .FirstOrDefaultAsync(ct);
        if (ended is { All: > 0 })
            OnTimeText = (ended.OnTime / (double)ended.All).ToString("P1", Culture);
    }
}
