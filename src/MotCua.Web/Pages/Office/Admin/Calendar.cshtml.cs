using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin;

/// <summary>The working calendar of one year: what was pre-filled from the Labour Code (and which of it comes
/// from the lunar calendar), what administrators added, and the forms to correct it as the government announces.</summary>
[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class CalendarModel(
    CalendarService calendars, AddDayOff.Handler addDayOff, AddSwappedWorkday.Handler addSwappedWorkday, RemoveDay.Handler removeDay, TimeProvider clock)
    : ActionPageModel
{
    public sealed record DayRow(CalendarDay Day, bool FromLunarCalendar);

    public sealed class DayInput
    {
        public DateOnly? Date { get; set; }
        public string? Reason { get; set; }
        public CalendarDayKind Kind { get; set; } = CalendarDayKind.Holiday;
    }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public int ShownYear { get; private set; }
    public IReadOnlyList<DayRow> DaysOff { get; private set; } = [];
    public IReadOnlyList<DayRow> SwappedWorkdays { get; private set; } = [];
    [BindProperty] public DayInput DayOff { get; set; } = new();
    [BindProperty] public DayInput Swap { get; set; } = new();
    [BindProperty] public DateOnly? RemoveDate { get; set; }
    public bool HasYear => ShownYear is >= HolidayRules.MinYear and <= HolidayRules.MaxYear;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAddDayOffAsync(CancellationToken ct) =>
        RunAsync(async year =>
        {
            var day = await addDayOff.HandleAsync(year, new AddDayOff.Request(DayOff.Date ?? default, DayOff.Reason ?? "", DayOff.Kind), ct);
            return $"Đã thêm ngày nghỉ {AdminText.Date(day.Date)} ({day.Reason}).";
        }, DayOff.Date);

    public Task<IActionResult> OnPostAddSwappedWorkdayAsync(CancellationToken ct) =>
        RunAsync(async year =>
        {
            var day = await addSwappedWorkday.HandleAsync(year, new AddSwappedWorkday.Request(Swap.Date ?? default, Swap.Reason ?? ""), ct);
            return $"Đã thêm ngày làm bù {AdminText.DayName(day.Date)} {AdminText.Date(day.Date)}.";
        }, Swap.Date);

    public Task<IActionResult> OnPostRemoveAsync(CancellationToken ct) =>
        RunAsync(async year =>
        {
            var day = await removeDay.HandleAsync(year, RemoveDate ?? default, ct);
            return day is null
                ? throw new DomainException($"Ngày {AdminText.Date(RemoveDate ?? default)} không có trong lịch năm {year}.")
                : $"Đã xóa ngày {AdminText.Date(day.Date)} ({day.Reason}) khỏi lịch; ngày này trở lại như tuần làm việc thông thường.";
        }, RemoveDate);

    public static string YearUrl(int year) => $"/office/admin/calendar/{year}";

    private async Task<IActionResult> RunAsync(Func<int, Task<string>> action, DateOnly? date)
    {
        ShownYear = Year ?? VietnamTime.Today(clock).Year;
        if (date is null) throw new DomainException("Hãy chọn ngày.");
        if (!HasYear) throw new DomainException($"Lịch làm việc chỉ có cho các năm từ {HolidayRules.MinYear} đến {HolidayRules.MaxYear}.");
        return RedirectWithNotice(await action(ShownYear), YearUrl(ShownYear));
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return true;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ShownYear = Year ?? VietnamTime.Today(clock).Year;
        if (!HasYear)
        {
            Error ??= $"Lịch làm việc chỉ có cho các năm từ {HolidayRules.MinYear} đến {HolidayRules.MaxYear}.";
            return;
        }
        var lunar = LunarDates(ShownYear);
        var days = await calendars.GetDaysAsync(ShownYear, ct);
        DaysOff = [.. days.Where(d => d.IsDayOff).Select(d => new DayRow(d, d.Source == CalendarDaySource.Prefilled && lunar.Contains(d.Date)))];
        SwappedWorkdays = [.. days.Where(d => !d.IsDayOff).Select(d => new DayRow(d, false))];
    }

    /// <summary>The dates that <see cref="HolidayRules"/> takes from the lunar calendar: Tết (the last day of the
    /// lunar year and 1–4 tháng Giêng) and Giỗ Tổ (10/3). They move every year, so they deserve a second look.</summary>
    private static HashSet<DateOnly> LunarDates(int year)
    {
        var newYear = LunarCalendar.Vietnam.NewYear(year);
        var dates = Enumerable.Range(-1, 5).Select(newYear.AddDays).ToHashSet();
        dates.Add(LunarCalendar.Vietnam.ToSolar(year, 3, 10));
        return dates;
    }
}
