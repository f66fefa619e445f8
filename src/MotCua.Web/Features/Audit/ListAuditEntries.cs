using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Audit;

/// <summary>The audit log for administrators, newest first, a page at a time, of one kind or all, optionally about
/// one subject: the office page /office/admin/nhat-ky and <c>GET /api/admin/audit</c>.</summary>
public static class ListAuditEntries
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public sealed record Query(AuditKind? Kind, string? SubjectId, int Page, int PageSize);

    public sealed record Item(
        Guid Id, DateTime AtUtc, Guid? ActorId, string ActorName, string ActorRole, Guid? ActorUnitId, string? ActorUnitName,
        AuditKind Kind, string SubjectType, string? SubjectId, string Description, JsonElement? Before, JsonElement? After);

    public sealed record Result(IReadOnlyList<Item> Items, int Page, int PageSize, int Total)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(query);
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var entries = db.Set<AuditEntry>().AsNoTracking();
            if (query.Kind is { } kind) entries = entries.Where(e => e.Kind == kind);
            if (!string.IsNullOrWhiteSpace(query.SubjectId))
            {
                var subject = query.SubjectId.Trim();
                entries = entries.Where(e => e.SubjectId == subject);
            }
            var total = await entries.CountAsync(ct);
            var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
            var rows = await entries
                .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .ToListAsync(ct);
            return new Result([.. rows.Select(View)], page, pageSize, total);
        }

        private static Item View(AuditEntry e) => new(e.Id, e.AtUtc, e.ActorId, e.ActorName, e.ActorRole, e.ActorUnitId, e.ActorUnitName,
            e.Kind, e.SubjectType, e.SubjectId, e.Description, Parse(e.BeforeJson), Parse(e.AfterJson));

        private static JsonElement? Parse(string? json)
        {
            if (json is null) return null;
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Reads the kind as its name (case ignored); numbers and unknown names are refused.</summary>
    public static bool TryParseKind(string? text, out AuditKind? kind)
    {
        kind = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || char.IsDigit(trimmed[0]) || trimmed[0] == '-' || !Enum.TryParse<AuditKind>(trimmed, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            return false;
        kind = parsed;
        return true;
    }

    public static string KindProblem(string text) =>
        $"Loại thao tác \"{text.Trim()}\" không có. Các loại: {string.Join(", ", Enum.GetNames<AuditKind>())}.";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/audit", ListAsync)
            .RequireAuthorization(nameof(OfficialRole.Administrator))
            .WithTags("Administration")
            .WithName("ListAuditEntries")
            .WithSummary("Nhật ký quản trị, mới nhất trước: ai, khi nào, làm gì (kind), với đối tượng nào (subjectId), giá trị trước và sau. " +
                         "Gồm các thay đổi về đơn vị, cán bộ, vai trò, thủ tục, danh mục, lịch, danh sách chỉ tiếp nhận trực tuyến, Tổ công nghệ số " +
                         "và các lần tải tệp chứa dữ liệu cá nhân. Chỉ dành cho quản trị hệ thống.")
            .ProducesValidationProblem();
    }

    private static async Task<Results<Ok<Result>, ValidationProblem>> ListAsync(
        Handler handler, CancellationToken ct, string? kind = null, string? subjectId = null, int page = 1, int pageSize = DefaultPageSize)
    {
        var problems = new Dictionary<string, string[]>();
        if (!TryParseKind(kind, out var parsed)) problems["kind"] = [KindProblem(kind!)];
        if (subjectId?.Length > AuditEntry.MaxSubjectIdLength) problems["subjectId"] = [$"Mã đối tượng tối đa {AuditEntry.MaxSubjectIdLength} ký tự."];
        if (page < 1) problems["page"] = ["Số trang phải từ 1 trở lên."];
        if (pageSize is < 1 or > MaxPageSize)
            problems["pageSize"] = [string.Create(CultureInfo.InvariantCulture, $"Số dòng mỗi trang phải từ 1 đến {MaxPageSize}.")];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "Điều kiện xem nhật ký không hợp lệ");
        return TypedResults.Ok(await handler.HandleAsync(new Query(parsed, subjectId, page, pageSize), ct));
    }
}
