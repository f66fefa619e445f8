using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;
using MotCua.Web.Pages.Office.Dossiers;

namespace MotCua.Web.Pages.Office;

/// <summary>The official's start page: what their roles must do now, each list one page long (never more rows
/// than a page), with its count read from that page.</summary>
public sealed class IndexModel(ListDossiers.Handler lists, CurrentUser user, CalendarService calendars, TimeProvider clock, IOptions<ReceptionOptions> reception)
    : PageModel
{
    /// <summary>Rows shown per list; one more page is never loaded just to count.</summary>
    public const int PageSize = 20;

    public sealed record Section(DossierList List, string Id, string Title, string Hint, ListDossiers.Page Page, DossierStatus? Status = null)
    {
        public string Count => Page.HasMore ? Page.Items.Count.ToString(CultureInfo.InvariantCulture) + "+" : Page.Items.Count.ToString(CultureInfo.InvariantCulture);
        public string Url => DossierDisplay.ListUrl(List, status: Status);
    }

    /// <summary>How long the desk still has to answer an online submission.</summary>
    public sealed record ReceptionTime(string Text, DueState State);

    public string FullName { get; private set; } = "";
    public string UnitName { get; private set; } = "";
    public string Roles { get; private set; } = "";
    public bool IsDesk { get; private set; }

    public Section? AwaitingReception { get; private set; }
    public Section? ToHandOver { get; private set; }
    public Section? ToReturn { get; private set; }
    public Section? MyActions { get; private set; }
    public Section? DueSoon { get; private set; }
    public Section? Late { get; private set; }
    public IReadOnlyDictionary<Guid, ReceptionTime> ReceptionTimes { get; private set; } = new Dictionary<Guid, ReceptionTime>();

    public IEnumerable<Section> Sections => new[] { AwaitingReception, ToHandOver, ToReturn, MyActions, DueSoon, Late }.OfType<Section>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        FullName = user.Name;
        UnitName = user.UnitName ?? "";
        Roles = string.Join(", ", user.Roles.Select(r => r.DisplayName()));
        IsDesk = user.IsInRole(OfficialRole.DeskOfficial);
        var processes = user.IsInRole(OfficialRole.Specialist) || user.IsInRole(OfficialRole.Leader) || user.IsInRole(OfficialRole.Clerk);
        var oversees = user.IsInRole(OfficialRole.Leader) || user.IsInRole(OfficialRole.StatisticsOffice);

        if (IsDesk)
        {
            AwaitingReception = await RunAsync(DossierList.AwaitingReception, "cho-tiep-nhan", "Hồ sơ trực tuyến chờ tiếp nhận",
                "Kiểm tra và tiếp nhận, hoặc yêu cầu bổ sung (một lần, đầy đủ), trước hạn tiếp nhận.", ct);
            ToHandOver = await RunAsync(DossierList.All, "cho-chuyen", "Hồ sơ đã tiếp nhận, chờ chuyển xử lý",
                "Chuyển hồ sơ đến bộ phận chuyên môn.", ct, DossierStatus.Received);
            ToReturn = await RunAsync(DossierList.ToReturn, "cho-tra", "Kết quả chờ trả cho người dân",
                "Thu phí, lệ phí còn thiếu và trả kết quả.", ct);
            ReceptionTimes = await ReceptionTimesAsync(AwaitingReception.Page.Items, ct);
        }
        if (processes)
            MyActions = await RunAsync(DossierList.MyActions, "viec-can-lam", "Việc cần làm",
                "Hồ sơ đang chờ bạn: phân công, thẩm định, ký duyệt, phát hành. \"Sắp đến hạn\": còn không quá một ngày làm việc.", ct);
        if (oversees)
        {
            DueSoon = await RunAsync(DossierList.DueSoon, "sap-den-han", "Hồ sơ sắp đến hạn",
                "Đến hạn trong một ngày làm việc: nhắc người xử lý, hoặc chuẩn bị văn bản xin lỗi, hẹn lại.", ct);
            Late = await RunAsync(DossierList.Late, "qua-han", "Hồ sơ quá hạn", "Đã quá hạn giải quyết (kể cả hồ sơ đã xin lỗi, hẹn lại ngày trả) hoặc đã quá hạn khi yêu cầu bổ sung.", ct);
        }
    }

    private async Task<Section> RunAsync(DossierList list, string id, string title, string hint, CancellationToken ct, DossierStatus? status = null) =>
        new(list, id, title, hint, await lists.HandleAsync(new ListDossiers.Query(list, Status: status, PageSize: PageSize), ct), status);

    /// <summary>"còn X giờ làm việc" until the reception deadline; near the end (within the notification window)
    /// it is flagged so the desk deals with it first.</summary>
    private async Task<Dictionary<Guid, ReceptionTime>> ReceptionTimesAsync(IReadOnlyList<ListDossiers.Item> items, CancellationToken ct)
    {
        var result = new Dictionary<Guid, ReceptionTime>();
        if (items.Count == 0) return result;
        var now = clock.GetUtcNow().UtcDateTime;
        var year = VietnamTime.ToLocal(now).Year;
        var calendar = await calendars.GetAsync(year - 1, year + 1, ct);
        var warnWithin = TimeSpan.FromHours(reception.Value.NotifyWithinWorkingHours);
        foreach (var item in items)
        {
            if (item.ReceptionDeadlineUtc is not { } deadline) continue;
            if (deadline <= now)
            {
                result[item.Id] = new ReceptionTime("quá hạn tiếp nhận", DueState.Late);
                continue;
            }
            var left = calendar.WorkingTimeBetween(now, deadline, []);
            result[item.Id] = new ReceptionTime($"còn {DossierDisplay.WorkingTime(left)} làm việc",
                left <= warnWithin ? DueState.DueSoon : DueState.OnTrack);
        }
        return result;
    }
}
