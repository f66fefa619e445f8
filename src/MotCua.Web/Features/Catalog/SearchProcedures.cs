using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>Public search of the catalog (công khai thủ tục hành chính): by words of the code or name, ignoring
/// diacritics and case, filtered by field and online level, one page at a time.</summary>
public static class SearchProcedures
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public sealed record Query(string? Q = null, string? Field = null, OnlineLevel? OnlineLevel = null, int Page = 1, int PageSize = DefaultPageSize);

    public sealed record Item(string Code, string Name, string FieldCode, string FieldName, OnlineLevel OnlineLevel, string LegalTime, bool HasFees);

    public sealed record Result(IReadOnlyList<Item> Items, int Page, int PageSize, int Total);

    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(query);
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
            if (!string.IsNullOrWhiteSpace(query.Field))
            {
                var field = query.Field.Trim();
                rows = rows.Where(x => x.v.FieldCode == field);
            }
            if (query.OnlineLevel is { } level)
                rows = rows.Where(x => x.v.OnlineLevel == level);

            var total = await rows.CountAsync(ct);
            // The page reads each version's content for the field name and legal time, which are not columns;
            // a page is at most MaxPageSize documents.
            var page = await rows
                .OrderBy(x => x.p.Code)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .Select(x => new { x.p.Code, x.p.Name, x.v.FieldCode, x.v.OnlineLevel, x.v.HasFees, x.v.Content })
                .AsNoTracking()
                .ToListAsync(ct);
            var items = page
                .Select(x => new Item(x.Code, x.Name, x.FieldCode, x.Content.FieldName, x.OnlineLevel, x.Content.LegalTime.ToString(), x.HasFees))
                .ToList();
            return new Result(items, query.Page, query.PageSize, total);
        }
    }
}
