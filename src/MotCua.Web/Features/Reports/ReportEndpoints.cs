using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reports;

/// <summary><c>GET /api/reports/dossiers?unit=&amp;from=&amp;to=&amp;format=</c>: the report of dossier handling as JSON, or
/// as the Excel or PDF file the office files. For officials of the unit or of a unit above it.</summary>
public static class ReportEndpoints
{
    public static readonly string[] Formats = ["json", "xlsx", "pdf"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/dossiers", GetAsync)
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Reports")
            .WithName("DossierReport")
            .WithSummary("Báo cáo tình hình, kết quả giải quyết hồ sơ của một đơn vị (mã định danh, mặc định: đơn vị của cán bộ) và các đơn vị trực thuộc " +
                         "trong kỳ [from, to] (yyyy-MM-dd, giờ Việt Nam; mặc định: tháng hiện tại): nhận giải quyết (kỳ trước chuyển sang, trực tuyến, trực tiếp, " +
                         "bưu chính), đã giải quyết (trước hạn, đúng hạn, trễ hạn), đang giải quyết (trong hạn, quá hạn), từ chối, rút, dừng; theo lĩnh vực, thủ tục " +
                         "và đơn vị trực thuộc (xếp hạng). format=json (mặc định), xlsx hoặc pdf.")
            .Produces<DossierReport.Result>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: ReportXlsx.ContentType)
            .Produces(StatusCodes.Status200OK, contentType: ReportPdf.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<DossierReport.Result>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetAsync(
        ReportAccess access, DossierReport.Handler handler, TimeProvider clock, IOptions<ReportsOptions> options, CancellationToken ct,
        string? unit = null, string? from = null, string? to = null, string? format = null)
    {
        var (period, problems) = ReportPeriod.Parse(from, to, VietnamTime.Today(clock));
        var kind = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
        if (!Formats.Contains(kind)) problems["format"] = [$"Định dạng báo cáo phải là một trong: {string.Join(", ", Formats)}."];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "Điều kiện lập báo cáo không hợp lệ");

        var (target, problem) = await access.ResolveAsync(unit, ct);
        if (problem is not null)
            return problem.Field is { } field
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem.Detail] }, title: "Điều kiện lập báo cáo không hợp lệ")
                : TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title);

        var report = await handler.HandleAsync(target!, period, ct);
        switch (kind)
        {
            case "xlsx":
                return TypedResults.File(ReportXlsx.Write(report), ReportXlsx.ContentType, ReportColumns.FileName(report, "xlsx"));
            case "pdf":
                if (NotoFonts.Prepare(options.Value.FontDirectory) is { } missing)
                    return TypedResults.Problem(missing, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chưa xuất được PDF");
                return TypedResults.File(ReportPdf.Write(report), ReportPdf.ContentType, ReportColumns.FileName(report, "pdf"));
            default:
                return TypedResults.Ok(report);
        }
    }
}
