using System.Globalization;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>A unit and a period as a request names them (agency code, yyyy-MM-dd in Vietnam time), checked: the dates
/// read, in order, not longer than allowed; the unit known and within the official's reach (their administrative unit
/// and every unit under it: a province official sees the whole province, a commune official only their commune).</summary>
public sealed record ScorecardPeriod(UnitTree.Node Unit, DateOnly From, DateOnly To)
{
    /// <summary>The period's start, 00:00 Vietnam time.</summary>
    public DateTime FromUtc => VietnamTime.ToUtc(From.ToDateTime(TimeOnly.MinValue));

    /// <summary>The day after the period, 00:00 Vietnam time (exclusive).</summary>
    public DateTime ToUtc => VietnamTime.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue));

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new DomainException($"Chưa nhập {what} (dạng yyyy-MM-dd, ví dụ 2026-01-31).");
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && InputLimits.IsSane(date)
            ? date
            : throw new DomainException($"{char.ToUpperInvariant(what[0])}{what[1..]} \"{Clip(value)}\" không hợp lệ: dùng dạng yyyy-MM-dd, ví dụ 2026-01-31.");
    }

    public static async Task<ScorecardPeriod> ResolveAsync(
        string? unit, string? from, string? to, CurrentUser user, UnitTree units, ScorecardOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(options);
        var start = ParseDate(from, "ngày bắt đầu (from)");
        var end = ParseDate(to, "ngày kết thúc (to)");
        if (start > end) throw new DomainException("Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).");
        if (end.DayNumber - start.DayNumber + 1 > options.MaxPeriodDays)
            throw new DomainException($"Khoảng thời gian tối đa là {options.MaxPeriodDays} ngày; hãy chọn khoảng ngắn hơn.");
        if (user.UnitId is not { } own) throw new ForbiddenException("Tài khoản chưa thuộc đơn vị nào.");
        var scope = await units.ScopeOfAsync(own, ct);
        UnitTree.Node? node;
        if (string.IsNullOrWhiteSpace(unit)) node = await units.AdministrativeUnitOfAsync(own, ct);
        else
        {
            var code = unit.Trim();
            node = null;
            foreach (var id in scope)
                if (await units.FindAsync(id, ct) is { } candidate && string.Equals(candidate.AgencyCode, code, StringComparison.OrdinalIgnoreCase)) node = candidate;
        }
        // A unit outside the official's reach is answered as unknown: its figures are not theirs to see.
        return node is not null && scope.Contains(node.Id)
            ? new ScorecardPeriod(node, start, end)
            : throw new NotFoundException($"Không tìm thấy đơn vị có mã định danh \"{Clip(unit)}\" trong phạm vi đơn vị của bạn.");
    }

    private static string Clip(string? value) => value is null ? "" : value.Length > 40 ? value[..40] + "…" : value;
}
