using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>Public search of the catalog (công khai thủ tục hành chính): by words of the code or name, ignoring
/// diacritics and case, filtered by field, by the unit where the citizen wants to submit, by online level and by
/// the online-only pilot list, one page at a time. The portal's list and the public API use it alike.</summary>
public static class SearchProcedures
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <param name="UnitId">An administrative unit (province, commune, ward, special zone): only procedures whose
    /// competent unit kinds include that unit's kind.</param>
    /// <param name="OnlineOnly">Only procedures on the online-only pilot list (Danh mục chỉ tiếp nhận trực tuyến).</param>
    public sealed record Query(
        string? Q = null, string? Field = null, OnlineLevel? OnlineLevel = null, int Page = 1, int PageSize = DefaultPageSize,
        Guid? UnitId = null, bool OnlineOnly = false);

    public sealed record Item(
        string Code, string Name, string FieldCode, string FieldName, OnlineLevel OnlineLevel, string LegalTime, bool HasFees, bool OnlineOnlyPilot);

    public sealed record Result(IReadOnlyList<Item> Items, int Page, int PageSize, int Total)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    /// <summary>Reads an online level as the API and the portal's links write it: the name (Full, Partial, None),
    /// in any case; numbers are refused, so that a level is never guessed from an enum's order.</summary>
    public static bool TryParseOnlineLevel(string? text, out OnlineLevel? level)
    {
        level = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!Enum.TryParse<OnlineLevel>(text.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(text, out _))
            return false;
        level = parsed;
        return true;
    }

    /// <summary>The values a checkbox or a link may carry for a yes/no filter.</summary>
    public static bool TryParseFlag(string? text, out bool value)
    {
        value = false;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0": return true;
            case "true" or "1" or "on": value = true; return true;
            default: return false;
        }
    }

    public const string OnlineLevelProblem = "Mức độ dịch vụ công trực tuyến phải là Full (toàn trình), Partial (một phần) hoặc None.";
    public const string UnitIdProblem = "Mã đơn vị (unitId) không hợp lệ; lấy mã đơn vị từ danh sách đơn vị (/api/units).";
    public const string OnlineOnlyProblem = "Lọc danh mục chỉ tiếp nhận trực tuyến (onlineOnly) phải là true hoặc false.";

    public sealed class Handler(AppDbContext db, CatalogFacets facets)
    {
        /// <exception cref="DomainException">The query is out of range, or names a field or unit that does not exist.</exception>
        public async Task<Result> HandleAsync(Query query, CancellationToken ct)
        {
            var problems = new Dictionary<string, string[]>();
            return await TryHandleAsync(query, problems, ct)
                   ?? throw new DomainException(string.Join(" ", problems.Values.SelectMany(v => v)));
        }

        /// <summary>Searches, or returns null with <paramref name="problems"/> filled (by query parameter name) when
        /// the field or the unit asked for does not exist, so that the API can answer with a validation problem and
        /// the portal can say which filter it dropped.</summary>
        public async Task<Result?> TryHandleAsync(Query query, IDictionary<string, string[]> problems, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentNullException.ThrowIfNull(problems);
            if (query.Page < 1) throw new DomainException("Số trang phải từ 1 trở lên.");
            if (query.PageSize is < 1 or > MaxPageSize) throw new DomainException($"Số thủ tục mỗi trang phải từ 1 đến {MaxPageSize}.");

            var rows = from p in db.Procedures
                       from v in db.ProcedureVersions
                       where v.Id == p.CurrentVersionId
                       select new { p, v };
            // Every word must occur, in any order: "khai sinh dang ky" finds "Đăng ký khai sinh" too. The search
            // key is stored folded, so this is a plain substring test in SQL on both databases.
            foreach (var word in Text.SearchKey(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
                rows = rows.Where(x => x.p.SearchKey.Contains(word));

            var field = string.IsNullOrWhiteSpace(query.Field) ? null : query.Field.Trim();
            CatalogFacets.Snapshot? facts = null;
            if (field is not null)
            {
                facts = await facets.CurrentAsync(db, ct);
                if (facts.HasField(field)) rows = rows.Where(x => x.v.FieldCode == field);
                else problems["field"] = [$"Không có lĩnh vực mã \"{field}\" trong danh mục thủ tục hiện hành."];
            }
            if (query.UnitId is { } unitId)
            {
                var kind = await db.Units.Where(u => u.Id == unitId && u.IsActive).Select(u => (UnitKind?)u.Kind).FirstOrDefaultAsync(ct);
                if (kind is not { } unitKind || !UnitTree.IsAdministrative(unitKind))
                {
                    problems["unitId"] = ["Không có xã, phường, đặc khu hoặc tỉnh nào mang mã đơn vị này; hãy chọn đơn vị trong danh sách."];
                }
                else
                {
                    // The kinds a procedure's unit may be are inside the version's JSON, so the codes that a unit of
                    // this kind can handle come from the in-memory facets (see CatalogFacets for why and how fresh).
                    // The shorter of the two lists goes to SQL: a commune handles nearly every commune-level
                    // procedure, the province only its own few.
                    facts ??= await facets.CurrentAsync(db, ct);
                    var handled = facts.CodesFor(unitKind);
                    var notHandled = facts.AllCodes.Except(handled).ToList();
                    if (handled.Count <= notHandled.Count)
                    {
                        var codes = handled.ToList();
                        rows = rows.Where(x => codes.Contains(x.p.Code));
                    }
                    else if (notHandled.Count > 0)
                    {
                        rows = rows.Where(x => !notHandled.Contains(x.p.Code));
                    }
                }
            }
            if (problems.Count > 0) return null;
            if (query.OnlineLevel is { } level)
                rows = rows.Where(x => x.v.OnlineLevel == level);
            if (query.OnlineOnly)
                rows = rows.Where(x => x.v.OnlineOnlyPilot);

            var total = await rows.CountAsync(ct);
            // The page reads each version's content for the field name and legal time, which are not columns;
            // a page is at most MaxPageSize documents.
            var page = await rows
                .OrderBy(x => x.p.Code)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .Select(x => new { x.p.Code, x.p.Name, x.v.FieldCode, x.v.OnlineLevel, x.v.HasFees, x.v.OnlineOnlyPilot, x.v.Content })
                .AsNoTracking()
                .ToListAsync(ct);
            var items = page
                .Select(x => new Item(x.Code, x.Name, x.FieldCode, x.Content.FieldName, x.OnlineLevel, x.Content.LegalTime.ToString(), x.HasFees, x.OnlineOnlyPilot))
                .ToList();
            return new Result(items, query.Page, query.PageSize, total);
        }
    }
}
