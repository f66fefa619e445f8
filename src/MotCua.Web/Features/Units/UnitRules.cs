using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>Checks shared by the administrator's unit use cases (<see cref="CreateUnit"/>, <see cref="RenameUnit"/>,
/// <see cref="ReissueUnitCode"/>). Messages are Vietnamese and shown as they are.</summary>
internal static class UnitRules
{
    public const int MaxNameLength = 200;
    public const int MaxDecisionLength = 200;

    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Hãy nhập tên đơn vị."
        : name.Trim().Length > MaxNameLength ? $"Tên đơn vị tối đa {MaxNameLength} ký tự."
        : null;

    public static string? DecisionProblem(string? decision, bool required) =>
        required && string.IsNullOrWhiteSpace(decision) ? "Hãy nhập số, ký hiệu quyết định cấp mã định danh (ví dụ: Quyết định số 1234/QĐ-UBND)."
        : decision?.Trim().Length > MaxDecisionLength ? $"Quyết định tối đa {MaxDecisionLength} ký tự."
        : null;

    /// <summary>The code as stored, or null with <paramref name="problem"/> set.</summary>
    public static string? ParseCode(string? code, out string? problem)
    {
        var normalized = code?.Trim().ToUpperInvariant() ?? "";
        if (normalized.Length == 0)
        {
            problem = "Hãy nhập mã định danh điện tử của đơn vị (QCVN 102, ví dụ 000.00.41.H61).";
            return null;
        }
        if (!AgencyCode.IsValid(normalized))
        {
            problem = $"Mã định danh \"{code!.Trim()}\" không đúng định dạng QCVN 102:2016/BTTTT (NNN.NN.NN.XNN, ví dụ 000.00.41.H61).";
            return null;
        }
        problem = null;
        return normalized;
    }

    /// <summary>A code takes effect when the administrator enters it: <see cref="Unit.AgencyCode"/> switches at
    /// once and numbers the next dossier, so a date in the future would record a history that did not happen.</summary>
    public static string? EffectiveDateProblem(DateOnly date, TimeProvider clock) =>
        date > VietnamTime.Today(clock)
            ? $"Ngày hiệu lực {date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} chưa đến. " +
              "Mã mới được dùng ngay khi lưu, nên chỉ nhập khi mã đã có hiệu lực."
            : null;

    public static DateTime StartOfDayUtc(DateOnly date) => VietnamTime.ToUtc(date.ToDateTime(TimeOnly.MinValue));

    /// <summary>What a parent of each kind may hold: two levels of local government since 1/7/2025 (province →
    /// commune, ward, special zone), the optional district level of older data, and bodies inside any unit.</summary>
    public static string? ParentProblem(UnitKind kind, UnitKind? parentKind) => kind switch
    {
        UnitKind.Province when parentKind is not null => "Tỉnh, thành phố là cấp cao nhất, không có đơn vị cấp trên.",
        UnitKind.District when parentKind is not UnitKind.Province => "Cấp huyện phải trực thuộc một tỉnh, thành phố.",
        UnitKind.Commune or UnitKind.Ward or UnitKind.SpecialZone when parentKind is not (UnitKind.Province or UnitKind.District) =>
            "Xã, phường, đặc khu phải trực thuộc một tỉnh, thành phố (hoặc cấp huyện ở dữ liệu cũ).",
        UnitKind.Department or UnitKind.OneStopDesk or UnitKind.PublicServiceCenter when parentKind is null =>
            "Phòng, ban, Bộ phận Một cửa và Trung tâm Phục vụ hành chính công phải thuộc một đơn vị.",
        _ => null,
    };

    /// <summary>A code identifies one unit for ever: the unique index covers the codes in force, and a retired code
    /// still resolves old dossier codes to the unit that held it, so it is not given to another unit either.</summary>
    public static async Task<string?> CodeTakenProblemAsync(AppDbContext db, string code, Guid? unitId, CancellationToken ct)
    {
        var holder = await db.Units.AsNoTracking()
            .Where(u => u.AgencyCode == code && u.Id != unitId)
            .Select(u => u.Name)
            .FirstOrDefaultAsync(ct);
        if (holder is not null) return $"Mã định danh {code} đang được dùng cho {holder}. Mỗi mã chỉ cấp cho một đơn vị.";
        var formerHolder = await (
                from a in db.AgencyCodeAssignments
                where a.Code == code && a.UnitId != unitId
                join u in db.Units on a.UnitId equals u.Id
                select u.Name)
            .FirstOrDefaultAsync(ct);
        return formerHolder is null
            ? null
            : $"Mã định danh {code} đã từng cấp cho {formerHolder}; mã cũ vẫn dùng để tra cứu hồ sơ cũ nên không cấp cho đơn vị khác.";
    }

    /// <summary>Saves; when another administrator took the same code at the same moment, the unique index refuses
    /// it and the user gets the same message as if the check had seen it.</summary>
    public static async Task SaveAsync(AppDbContext db, string code, Guid? unitId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await CodeTakenProblemAsync(db, code, unitId, ct) is { } problem) throw new DomainException(problem);
            throw;
        }
    }

    public static DomainException Problems(IEnumerable<string?> problems) =>
        new(string.Join(" ", problems.OfType<string>()));
}
