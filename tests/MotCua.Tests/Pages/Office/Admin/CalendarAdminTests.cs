using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using static MotCua.Tests.Pages.Office.Admin.AdminForms;

namespace MotCua.Tests.Pages.Office.Admin;

public sealed class CalendarAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page2026 = "/office/admin/calendar/2026";

    [Fact]
    public async Task CalendarPage_For2026_ShowsTetAndGioToAsPrefilledFromTheLunarCalendar()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.GetPageAsync(Page2026);

        var rows = page.QuerySelectorAll("#days-off tbody tr").ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => tr.TextContent);
        // Tết 2026: mùng 1 is Tuesday 17/02; Giỗ Tổ (10/3 lunar) is Sunday 26/04, compensated on Monday 27/04.
        var tet = rows["17/02/2026"];
        tet.ShouldContain("Tết Nguyên Đán");
        tet.ShouldContain("Lập sẵn theo âm lịch");
        var gioTo = rows["26/04/2026"];
        gioTo.ShouldContain("Giỗ Tổ Hùng Vương");
        gioTo.ShouldContain("Lập sẵn theo âm lịch");
        rows["27/04/2026"].ShouldContain("Nghỉ bù");
        rows["02/09/2026"].ShouldContain("Lập sẵn theo Bộ luật Lao động");
        page.QuerySelector("a[href='/office/admin/calendar/2025']").ShouldNotBeNull();
        page.QuerySelector("a[href='/office/admin/calendar/2027']").ShouldNotBeNull();
    }

    [Fact]
    public async Task AddSwappedWorkday_OnASaturday_IsPersistedAndShown()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var response = await admin.SubmitAsync(Page2026, "form[action*='handler=AddSwappedWorkday']", new()
        {
            ["Swap.Date"] = V("2026-01-10"), ["Swap.Reason"] = V("Làm bù cho ngày nghỉ 02/01/2026"),
        });

        var page = await admin.PageAfterAsync(response);
        page.ErrorText().ShouldBeNull();
        page.QuerySelector("#swapped tbody")!.TextContent.ShouldContain("10/01/2026");
        page.QuerySelector("#swapped tbody")!.TextContent.ShouldContain("Quản trị viên thêm");
        var day = await app.WithDbAsync(db => db.CalendarDays.SingleAsync(d => d.Date == new DateOnly(2026, 1, 10)));
        (day.Kind, day.Source, day.Reason).ShouldBe((CalendarDayKind.SwappedWorkday, CalendarDaySource.Administrator, "Làm bù cho ngày nghỉ 02/01/2026"));
    }

    [Fact]
    public async Task AddSwappedWorkday_OnAWeekday_ShowsMessageAndSavesNothing()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var response = await admin.SubmitAsync(Page2026, "form[action*='handler=AddSwappedWorkday']", new()
        {
            ["Swap.Date"] = V("2026-01-14"), ["Swap.Reason"] = V("Thử"),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PageAfterAsync(response)).ErrorText().ShouldBe("Ngày làm bù phải là Thứ bảy hoặc Chủ nhật; ngày 14/01/2026 là Thứ tư.");
        (await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date == new DateOnly(2026, 1, 14)))).ShouldBeFalse();
    }

    [Fact]
    public async Task AddDayOff_ThenRemove_IsPersistedAndThenGone()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");
        var date = new DateOnly(2026, 2, 13);

        var added = await admin.PageAfterAsync(await admin.SubmitAsync(Page2026, "form[action*='handler=AddDayOff']", new()
        {
            ["DayOff.Date"] = V("2026-02-13"), ["DayOff.Reason"] = V("Nghỉ Tết theo Thông báo của Thủ tướng Chính phủ"),
        }));

        added.ErrorText().ShouldBeNull();
        added.QuerySelectorAll("#days-off tbody tr").Single(tr => tr.TextContent.Contains("13/02/2026", StringComparison.Ordinal))
            .TextContent.ShouldContain("Quản trị viên thêm");
        (await app.WithDbAsync(db => db.CalendarDays.SingleAsync(d => d.Date == date))).Source.ShouldBe(CalendarDaySource.Administrator);

        var removed = await admin.PageAfterAsync(await admin.SubmitAsync(Page2026, "form[data-date='2026-02-13']"));

        removed.NoticeText()!.ShouldContain("Đã xóa ngày 13/02/2026");
        (await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date == date))).ShouldBeFalse();
    }

    [Fact]
    public async Task CalendarPage_WithYearOutOfRange_ShowsMessage()
    {
        await app.SeedWorldAsync();
        var admin = await OfficeClient.SignInAsync(app, "admin");

        var page = await admin.GetPageAsync("/office/admin/calendar/1800");

        page.ErrorText()!.ShouldContain("từ 1900 đến 2199");
    }
}
