using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>The catalog over HTTP: public search and detail (công khai thủ tục hành chính), and the
/// administrator's import and export of the whole catalog as one JSON file.</summary>
public static class CatalogEndpoints
{
    private const string AdministratorPolicy = nameof(OfficialRole.Administrator);

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/catalog").WithTags("Catalog").RequireAuthorization(AdministratorPolicy);
        admin.MapGet("/export", ExportAsync)
            .WithName("ExportCatalog")
            .WithSummary("Tải xuống danh mục thủ tục (phiên bản hiện hành của mỗi thủ tục) dưới dạng tệp JSON, dùng để nhập vào hệ thống khác.")
            .Produces<List<CatalogEntry>>(StatusCodes.Status200OK, "application/json");
        admin.MapPost("/import", ImportAsync)
            .WithName("ImportCatalog")
            .WithSummary("Nhập danh mục thủ tục từ tệp JSON (mảng các mục như tệp xuất): tạo thủ tục mới, công bố phiên bản mới khi nội dung thay đổi, " +
                         "giữ nguyên thủ tục không đổi. Có một mục không hợp lệ thì không nhập mục nào.")
            .Accepts<List<CatalogEntry>>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // Public disclosure of procedures is an obligation: readable without signing in.
        var procedures = app.MapGroup("/api/procedures").WithTags("Catalog").AllowAnonymous();
        procedures.MapGet("/", SearchAsync)
            .WithName("SearchProcedures")
            .WithSummary("Tra cứu thủ tục theo mã hoặc tên (không phân biệt dấu, hoa thường), lọc theo lĩnh vực (field), đơn vị hành chính nơi nộp hồ sơ " +
                         "(unitId: thủ tục đơn vị đó có thẩm quyền giải quyết), mức độ dịch vụ công trực tuyến (onlineLevel) và Danh mục chỉ tiếp nhận trực tuyến (onlineOnly).")
            .Produces<SearchProcedures.Result>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        procedures.MapGet("/{code}", GetAsync)
            .WithName("GetProcedure")
            .WithSummary("Nội dung đầy đủ của phiên bản hiện hành của một thủ tục.")
            .Produces<GetProcedure.Result>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        QuoteFees.Map(procedures);
    }

    private static async Task<FileContentHttpResult> ExportAsync([FromServices] ExportCatalog.Handler handler, TimeProvider clock, CancellationToken ct)
    {
        var entries = await handler.HandleAsync(ct);
        var today = VietnamTime.Today(clock);
        return TypedResults.File(CatalogJson.Write(entries), "application/json", $"danh-muc-thu-tuc-{today:yyyyMMdd}.json");
    }

    // The body is read here rather than bound by the framework, so that a malformed file gets a Vietnamese
    // answer that says where it is wrong, and is read with the catalog's strict options.
    private static async Task<Results<Ok<ImportCatalog.Result>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, [FromServices] ImportCatalog.Handler handler, CancellationToken ct)
    {
        IReadOnlyList<CatalogEntry> entries;
        try
        {
            entries = await CatalogJson.ReadAsync(request.Body, ct);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (dòng {line + 1}{(e.Path is { } path ? $", vị trí {path}" : "")})" : "";
            return TypedResults.Problem(
                $"Tệp danh mục không đúng định dạng JSON của danh mục thủ tục{where}. Kiểm tra cú pháp, tên trường và giá trị rồi gửi lại; chưa có thay đổi nào được lưu.",
                statusCode: StatusCodes.Status400BadRequest, title: "Tệp danh mục không hợp lệ");
        }
        try
        {
            return TypedResults.Ok(await handler.HandleAsync(entries, ct));
        }
        catch (DomainException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Không nhập được danh mục");
        }
    }

    // Parameters arrive as text and are read here, so that every wrong value gets a Vietnamese message under its
    // own name rather than the framework's bare 400.
    private static async Task<Results<JsonHttpResult<SearchProcedures.Result>, ValidationProblem>> SearchAsync(
        [FromServices] SearchProcedures.Handler handler, CancellationToken ct,
        string? q = null, string? field = null, string? unitId = null, string? onlineLevel = null, string? onlineOnly = null,
        int page = 1, int pageSize = SearchProcedures.DefaultPageSize)
    {
        var problems = new Dictionary<string, string[]>();
        if (!SearchProcedures.TryParseOnlineLevel(onlineLevel, out var level)) problems["onlineLevel"] = [SearchProcedures.OnlineLevelProblem];
        Guid? unit = null;
        if (!string.IsNullOrWhiteSpace(unitId))
        {
            if (Guid.TryParse(unitId.Trim(), out var parsed)) unit = parsed;
            else problems["unitId"] = [SearchProcedures.UnitIdProblem];
        }
        if (!SearchProcedures.TryParseFlag(onlineOnly, out var pilotOnly)) problems["onlineOnly"] = [SearchProcedures.OnlineOnlyProblem];
        if (page < 1) problems["page"] = ["Số trang phải từ 1 trở lên."];
        if (pageSize is < 1 or > SearchProcedures.MaxPageSize) problems["pageSize"] = [$"Số thủ tục mỗi trang phải từ 1 đến {SearchProcedures.MaxPageSize}."];
        if (problems.Count > 0) return Invalid(problems);

        var result = await handler.TryHandleAsync(new SearchProcedures.Query(q, field, level, page, pageSize, unit, pilotOnly), problems, ct);
        return result is null ? Invalid(problems) : TypedResults.Json(result, CatalogJson.ApiOptions);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> problems) =>
        TypedResults.ValidationProblem(problems, title: "Điều kiện tra cứu không hợp lệ");

    private static async Task<Results<JsonHttpResult<GetProcedure.Result>, ProblemHttpResult>> GetAsync(
        string code, [FromServices] GetProcedure.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(code, ct);
        return result is null
            ? TypedResults.Problem($"Không có thủ tục mã \"{code}\" trong danh mục. Kiểm tra lại mã, hoặc tra cứu theo tên thủ tục.",
                statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy thủ tục")
            : TypedResults.Json(result, CatalogJson.ApiOptions);
    }
}
