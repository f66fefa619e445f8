using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;

namespace MotCua.Web.Features.Exchange;

/// <summary>The exchange's endpoints under /api/dossiers: export of a unit's dossiers for a period, import of another
/// system's records, and the import's progress. (The body is read by the import itself, as a stream: it is described
/// in the summary rather than bound.)</summary>
public static class ExchangeEndpoints
{
    public const string NdjsonType = "application/x-ndjson";
    /// <summary>Importing writes dossiers for whole units: the administrator and the statistics office.</summary>
    public static readonly OfficialRole[] ImportRoles = [OfficialRole.Administrator, OfficialRole.StatisticsOffice];
    /// <summary>Exporting reads a unit's dossiers in bulk: those roles and the unit's leaders.</summary>
    public static readonly OfficialRole[] ExportRoles = [OfficialRole.Administrator, OfficialRole.StatisticsOffice, OfficialRole.Leader];

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Exchange");
        group.MapPost("/import", ImportAsync)
            .RequireAuthorization(p => p.RequireClaim(IdentitySetup.KindClaim, nameof(Official)).RequireRole(ImportRoles.Select(r => r.ToString())))
            .WithName("ImportDossiers")
            .WithSummary("Nhập hồ sơ từ bản ghi đồng bộ theo định dạng trao đổi quốc gia: mảng JSON, hoặc JSON lines (Content-Type: application/x-ndjson " +
                         "hoặc format=ndjson). Mỗi bản ghi được kiểm tra và lưu trọn vẹn hoặc bị từ chối kèm lý do; nhập lại cùng tệp không thay đổi gì. " +
                         "Gửi kèm tiêu đề Import-Id (GUID) để theo dõi tiến độ tại GET /api/dossiers/import/{id}.")
            .Produces<ImportDossiers.Result>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/import/{id:guid}", ProgressAsync)
            .RequireAuthorization(p => p.RequireClaim(IdentitySetup.KindClaim, nameof(Official)).RequireRole(ImportRoles.Select(r => r.ToString())))
            .WithName("ImportProgress")
            .WithSummary("Tiến độ của một lần nhập hồ sơ (đang chạy, đã xong hoặc đã dừng) trên bất kỳ máy chủ nào: số bản ghi đã đọc, đã nhập, " +
                         "đã cập nhật, không đổi, bị từ chối, tốc độ (bản ghi/giây). Chỉ người đã nhập và quản trị viên xem được.")
            .Produces<ImportProgress.View>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/export", ExportAsync)
            .RequireAuthorization(p => p.RequireClaim(IdentitySetup.KindClaim, nameof(Official)).RequireRole(ExportRoles.Select(r => r.ToString())))
            .WithName("ExportDossiers")
            .WithSummary("Xuất hồ sơ của một đơn vị và các đơn vị trực thuộc (unit: mã định danh; mặc định đơn vị của bạn), tiếp nhận từ ngày from đến ngày to " +
                         "(yyyy-MM-dd), theo định dạng bản ghi đồng bộ quốc gia: mảng JSON, hoặc JSON lines (format=ndjson hoặc Accept: application/x-ndjson).")
            .Produces<List<SyncRecord>>(StatusCodes.Status200OK, "application/json", NdjsonType)
            .ProducesValidationProblem();
        return app;
    }

    private static bool WantsLines(string? format, string? mediaType) =>
        string.Equals(format, "ndjson", StringComparison.OrdinalIgnoreCase) || string.Equals(format, "jsonl", StringComparison.OrdinalIgnoreCase)
        || (mediaType?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) ?? false)
        || (mediaType?.Contains("jsonl", StringComparison.OrdinalIgnoreCase) ?? false)
        || (mediaType?.Contains("json-seq", StringComparison.OrdinalIgnoreCase) ?? false);

    private static async Task<Results<Ok<ImportDossiers.Result>, ProblemHttpResult>> ImportAsync(
        HttpContext http, ImportDossiers.Handler handler, string? format, CancellationToken ct)
    {
        // A province's history is gigabytes: the body is read as a stream, so its size is not what limits it.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var id = Guid.CreateVersion7();
        if (http.Request.Headers["Import-Id"].ToString() is { Length: > 0 } given)
        {
            if (!Guid.TryParse(given, out id))
                return TypedResults.Problem("Tiêu đề Import-Id phải là một GUID (ví dụ 0193a5b2-7c1e-7d2a-9f10-3b4c5d6e7f80).",
                    statusCode: StatusCodes.Status400BadRequest, title: "Import-Id không hợp lệ");
        }
        var lines = WantsLines(format, http.Request.ContentType);
        var records = lines ? SyncRecordReader.ReadLinesAsync(http.Request.Body, ct) : SyncRecordReader.ReadArrayAsync(http.Request.Body, ct);
        try
        {
            return await handler.HandleAsync(records, id, ct) is { } result
                ? TypedResults.Ok(result)
                : TypedResults.Problem("Import-Id này đã được dùng cho một lần nhập khác; hãy dùng một GUID mới.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Import-Id đã được dùng");
        }
        catch (SyncRecordReader.UnreadableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Tệp hồ sơ không đọc được");
        }
    }

    private static async Task<Results<Ok<ImportProgress.View>, ProblemHttpResult>> ProgressAsync(Guid id, ImportProgress progress, CurrentUser user, CancellationToken ct) =>
        // Someone else's import is not shown, except to an administrator: it answers as an unknown one.
        await progress.FindAsync(id, ct) is { } found && (found.OfficialId == user.Id || user.IsInRole(OfficialRole.Administrator))
            ? TypedResults.Ok(found.View)
            : TypedResults.Problem("Không tìm thấy lần nhập hồ sơ này.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportAsync(
        HttpContext http, ExportDossiers.Handler handler, CurrentUser user, UnitTree units, CancellationToken ct,
        string? unit = null, string? from = null, string? to = null, string? format = null)
    {
        var problems = new Dictionary<string, string[]>();
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fromDate))
            problems["from"] = ["Nhập ngày bắt đầu (ngày tiếp nhận) theo dạng yyyy-MM-dd, ví dụ 2026-01-01."];
        if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var toDate))
            problems["to"] = ["Nhập ngày kết thúc (ngày tiếp nhận) theo dạng yyyy-MM-dd, ví dụ 2026-12-31."];
        else if (problems.Count == 0 && toDate < fromDate)
            problems["to"] = ["Ngày kết thúc phải từ ngày bắt đầu trở đi."];
        if (format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) && !WantsLines(format, null))
            problems["format"] = ["format chỉ nhận json hoặc ndjson."];
        var scope = user.UnitId is { } own ? await units.ScopeOfAsync(own, ct) : [];
        var unitId = user.UnitId;
        string? unitCode = null;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var code = unit.Trim();
            // Only the official's own units: another unit's code gets the same answer as an unknown one.
            unitId = null;
            foreach (var candidate in scope)
                if (await units.FindAsync(candidate, ct) is { } node && string.Equals(node.AgencyCode, code, StringComparison.OrdinalIgnoreCase))
                {
                    unitId = node.Id;
                    unitCode = node.AgencyCode;
                }
            if (unitId is null) problems["unit"] = [$"Không có đơn vị mã \"{(code.Length > 40 ? code[..40] : code)}\" trong phạm vi đơn vị của bạn."];
        }
        if (problems.Count > 0 || unitId is null)
        {
            if (unitId is null && !problems.ContainsKey("unit")) problems["unit"] = ["Tài khoản của bạn không thuộc đơn vị nào."];
            return TypedResults.ValidationProblem(problems, title: "Yêu cầu xuất hồ sơ chưa hợp lệ");
        }
        unitCode ??= (await units.FindAsync(unitId.Value, ct))?.AgencyCode ?? "don-vi";
        var lines = string.IsNullOrEmpty(format)
            ? http.Request.Headers.Accept.Any(a => a?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) == true)
            : WantsLines(format, null);
        http.Response.ContentType = lines ? NdjsonType + "; charset=utf-8" : "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ExportDossiers.FileName(unitCode, fromDate, toDate, lines)}\"";
        http.Response.Headers.CacheControl = "private, no-store";
        await handler.WriteAsync(new ExportDossiers.Query(unitId.Value, fromDate, toDate, lines), http.Response.Body, ct);
        return TypedResults.Empty;
    }
}
