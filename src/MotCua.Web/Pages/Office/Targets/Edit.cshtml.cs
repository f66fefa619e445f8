using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Targets;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>Giao, sửa chỉ tiêu: one box per metric; an empty box removes the target.</summary>
public sealed class EditModel(GetTargetProgress.Handler progress, SetTargets.Handler set, TargetsAccess access, TimeProvider clock) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = [];
    [BindProperty] public string? Source { get; set; }
    public GetTargetProgress.Result Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!access.CanWrite) return Forbid();
        if (!await ReloadAsync(ct)) return NotFound();
        foreach (var m in Result.Metrics)
            Values[m.Code] = m.Target?.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"));
        Source = Result.Metrics.Select(m => m.Source).FirstOrDefault(s => s is not null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var items = new List<SetTargets.Item>();
        foreach (var metric in TargetMetrics.All)
        {
            var text = Values.GetValueOrDefault(metric.Code())?.Trim();
            if (string.IsNullOrEmpty(text)) items.Add(new SetTargets.Item(metric.Code(), null));
            else if (ImportTargets.TryPercent(text, out var value)) items.Add(new SetTargets.Item(metric.Code(), value));
            else throw new DomainException($"{metric.DisplayName()}: \"{text}\" không phải tỷ lệ phần trăm từ 0 đến 100.");
        }
        var result = await set.HandleAsync(new SetTargets.Request(Unit, Year, Source, items), ct);
        return RedirectWithNotice($"Đã lưu chỉ tiêu năm {result.Year} của {result.UnitName}.",
            $"/office/targets?unit={Uri.EscapeDataString(result.Unit)}&year={result.Year}");
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        if (Year is not (>= UnitTarget.MinYear and <= UnitTarget.MaxYear)) Year = VietnamTime.Today(clock).Year;
        if (await access.ReadableOrNullAsync(Unit, ct) is not { } unit) return false;
        Result = await progress.HandleAsync(unit.AgencyCode, Year, ct);
        return true;
    }
}
