using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>The portal's public list of answered feedback (công khai kết quả trả lời): only what was published, with
/// personal data masked when it was published; searched without diacritics ("thu tuc" finds "thủ tục").</summary>
public sealed class PublishedFeedback(AppDbContext db)
{
    public const int PageSize = 20;

    public sealed record Entry(string Code, string Title, string Category, string Unit, string PublishedAt, string Question, string Answer);

    public sealed record SearchResult(IReadOnlyList<Entry> Items, int Total, int Page, int PageSize);

    public async Task<SearchResult> SearchAsync(string? q, int? page, CancellationToken ct)
    {
        var query = db.Set<FeedbackItem>().AsNoTracking().Where(f => f.Status == FeedbackStatus.Published);
        if (Text.NormalizeOrNull(q) is { } text)
        {
            if (text.Length > 200) throw new DomainException("Từ khóa tìm kiếm tối đa 200 ký tự.");
            foreach (var word in Text.SearchKey(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(10))
                query = query.Where(f => f.SearchKey.Contains(word));
        }
        var number = Math.Max(1, page ?? 1);
        if (number > 10_000) throw new DomainException("Số trang không hợp lệ.");
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(f => f.PublishedAtUtc).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new SearchResult([.. rows.Select(ToEntry)], total, number, PageSize);
    }

    public async Task<Entry> GetAsync(string? code, CancellationToken ct)
    {
        var wanted = Text.NormalizeOrNull(code)?.ToUpperInvariant();
        var item = wanted is { Length: <= 20 }
            ? await db.Set<FeedbackItem>().AsNoTracking().SingleOrDefaultAsync(f => f.Code == wanted && f.Status == FeedbackStatus.Published, ct)
            : null;
        return item is null ? throw new NotFoundException("Không tìm thấy phản ánh, kiến nghị đã công khai với mã này.") : ToEntry(item);
    }

    private static Entry ToEntry(FeedbackItem f) =>
        new(f.Code, f.PublishedTitle!, f.Category.DisplayName(), f.UnitName, VietnamTime.Format(f.PublishedAtUtc!.Value), f.PublishedQuestion!, f.PublishedAnswer!);
}
