using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Payments.Receipts;
using MotCua.Web.Features.Reports;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Payments;

/// <summary>The receipts, the day's reconciliation and the refunds, under /api/payments.</summary>
public static class PaymentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments").WithTags("Payments");
        group.MapGet("/receipts/{id:guid}", ReceiptAsync)
            .RequireAuthorization()
            .WithSummary("Biên lai điện tử thu phí, lệ phí của một khoản thanh toán: cho cán bộ của đơn vị có hồ sơ, và công dân chủ hồ sơ. " +
                         "format=json (mặc định) hoặc pdf.")
            .Produces<Receipt>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: ReceiptPdf.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/reconciliation", ReconcileAsync)
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithSummary("Đối soát thanh toán của một đơn vị (mã định danh; mặc định: đơn vị của cán bộ) trong một ngày (date=yyyy-MM-dd, giờ Việt Nam; " +
                         "mặc định: hôm nay): so sánh các khoản thu của đơn vị với kết quả truy vấn cổng thanh toán, liệt kê mọi chênh lệch và tổng theo kênh. " +
                         "format=json (mặc định) hoặc xlsx. Dành cho Cán bộ một cửa, Lãnh đạo, Văn phòng – Thống kê, Quản trị hệ thống của đơn vị.")
            .Produces<Reconcile.Result>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: Forms.XlsxWriter.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/refunds", async Task<Ok<ListRefunds.Result>> (ListRefunds.Handler handler, CancellationToken ct, string? unit = null, int page = 1,
                    int pageSize = ListRefunds.DefaultPageSize) =>
                TypedResults.Ok(await handler.HandleAsync(unit, ct, page, pageSize)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithSummary("Các khoản phí, lệ phí phải hoàn trả của đơn vị (hồ sơ bị từ chối, rút, dừng sau khi đã nộp tiền; bản nháp đã nộp phí nhưng bị xóa " +
                         "không nộp): hồ sơ, số tiền, lý do, từ khi nào. Theo trang (page từ 1, pageSize 1–500, mặc định 100), lâu nhất trước; Count và Total " +
                         "là của mọi khoản.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/refund", async Task<Ok<RecordRefund.Response>> (Guid id, RecordRefund.Request request, RecordRefund.Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithSummary("Ghi nhận đã hoàn trả một khoản phí, lệ phí phải hoàn trả: hình thức (Cash, Transfer, Gateway) và số chứng từ. Ghi lại lần hai: 409.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The receipt link of the payment's result page: the PDF for whoever holds the token, signed in or not.</summary>
    public static void MapLink(IEndpointRouteBuilder app) =>
        app.MapGet(PaymentLinks.ReceiptPath, async Task<Results<Ok<Receipt>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                string? t, PaymentLinks links, ReadReceipt read, IOptions<ReportsOptions> reports, CancellationToken ct) =>
                Pdf(await read.ForLinkAsync(links.ReadReceipt(t) ?? throw ReadReceipt.NotFound(), ct), reports.Value))
            .AllowAnonymous()
            .ExcludeFromDescription();

    private static async Task<Results<Ok<Receipt>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ReceiptAsync(
        Guid id, ReadReceipt read, IOptions<ReportsOptions> reports, CancellationToken ct, string? format = null)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
        if (kind is not ("json" or "pdf"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Định dạng biên lai phải là json hoặc pdf."] },
                title: "Yêu cầu không hợp lệ");
        var receipt = await read.ForUserAsync(id, ct);
        return kind == "pdf" ? Pdf(receipt, reports.Value) : TypedResults.Ok(receipt);
    }

    /// <summary>The receipt as a PDF, or 503 when the server has no Vietnamese font to write it with.</summary>
    public static Results<Ok<Receipt>, FileContentHttpResult, ValidationProblem, ProblemHttpResult> Pdf(Receipt receipt, ReportsOptions reports)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(reports);
        if (NotoFonts.Prepare(reports.FontDirectory) is { } missing)
            return TypedResults.Problem(missing, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chưa xuất được PDF");
        return TypedResults.File(ReceiptPdf.Write(receipt), ReceiptPdf.ContentType, Receipt.FileName(receipt));
    }

    private static async Task<Results<Ok<Reconcile.Result>, FileContentHttpResult, ValidationProblem>> ReconcileAsync(
        Reconcile.Handler handler, TimeProvider clock, HttpContext http, CancellationToken ct,
        string? unit = null, string? date = null, string? format = null)
    {
        var problems = new Dictionary<string, string[]>();
        var day = VietnamTime.Today(clock);
        if (!string.IsNullOrWhiteSpace(date)
            && (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) || !InputLimits.IsSane(day)))
            problems["date"] = ["Ngày đối soát phải có dạng yyyy-MM-dd, ví dụ 2026-11-17."];
        var kind = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
        if (kind is not ("json" or "xlsx")) problems["format"] = ["Định dạng phải là json hoặc xlsx."];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "Điều kiện đối soát không hợp lệ");
        var result = await handler.HandleAsync(unit, day, http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", ct);
        return kind == "xlsx"
            ? TypedResults.File(ReconcileXlsx.Write(result), Forms.XlsxWriter.ContentType, ReconcileXlsx.FileName(result))
            : TypedResults.Ok(result);
    }
}
