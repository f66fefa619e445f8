using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Reports;

namespace MotCua.Web.Features.Forms;

/// <summary>A form as a PDF to download: <c>GET /api/dossiers/{id}/forms/{form}.pdf</c> (01–06) and
/// <c>GET /api/forms/07.pdf?from=&amp;to=</c>, and the pages' "Tải PDF" links. The same builders as the pages, so the
/// same scope (a dossier outside the official's units is a plain 404) and the same reasons when a form does not apply.</summary>
public static class DownloadFormPdf
{
    public static readonly string[] DossierForms = ["01", "02", "03", "04", "05", "06"];

    /// <summary>The file, or the problem: <paramref name="Status"/> 404 without <paramref name="Detail"/> is "not found".</summary>
    public sealed record Result(byte[]? Pdf, string? FileName, int Status, string? Detail);

    public sealed class Handler(IServiceProvider services, IOptions<ReportsOptions> fonts, AuditLog audit)
    {
        public async Task<Result> DossierFormAsync(Guid id, string form, Uri requestBase, CancellationToken ct)
        {
            if (!DossierForms.Contains(form)) return new(null, null, StatusCodes.Status404NotFound, null);
            if (NotoFonts.Prepare(fonts.Value.FontDirectory) is { } missing) return new(null, null, StatusCodes.Status503ServiceUnavailable, missing);
            return form switch
            {
                "01" => Of(await Get<ReceiptForm.Builder>().BuildAsync(id, requestBase, ct), ReceiptForm.Pdf, v => v.Code, form),
                "02" => Of(await Get<SupplementForm.Builder>().BuildAsync(id, ct), SupplementForm.Pdf, v => v.Header.DossierCode, form),
                "03" => Of(await Get<RefusalForm.Builder>().BuildAsync(id, ct), RefusalForm.Pdf, v => v.Header.DossierCode, form),
                "04" => Of(await Get<ApologyForm.Builder>().BuildAsync(id, ct), ApologyForm.Pdf, v => v.Header.DossierCode, form),
                "05" => Of(await Get<StopForm.Builder>().BuildAsync(id, ct), StopForm.Pdf, v => v.Header.DossierCode, form),
                _ => Of(await Get<ControlSlipForm.Builder>().BuildAsync(id, ct), ControlSlipForm.Pdf, v => v.Code, form),
            };
        }

        public async Task<Result> RegisterAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
        {
            if (NotoFonts.Prepare(fonts.Value.FontDirectory) is { } missing) return new(null, null, StatusCodes.Status503ServiceUnavailable, missing);
            var builder = Get<RegisterForm.Builder>();
            var query = new RegisterForm.Query(from, to);
            var (first, last, _) = builder.Period(query);
            var (pdf, error) = await builder.PdfAsync(query, ct);
            if (pdf is null) return new(null, null, StatusCodes.Status400BadRequest, error);
            var name = string.Create(CultureInfo.InvariantCulture, $"mau-07-so-theo-doi-ho-so-{first:yyyyMMdd}-{last:yyyyMMdd}.pdf");
            // A whole period of applicants' names, addresses and phones leaves the office in this file, as with the Excel export.
            await audit.RecordDownloadAsync(AuditKind.RegisterExported, "Register", string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd}/{last:yyyy-MM-dd}"),
                string.Create(CultureInfo.InvariantCulture, $"Xuất sổ theo dõi hồ sơ (Mẫu 07) dạng PDF từ {first:dd/MM/yyyy} đến {last:dd/MM/yyyy}."),
                new { From = first, To = last, FileName = name }, ct);
            return new(pdf, name, StatusCodes.Status200OK, null);
        }

        private T Get<T>() where T : notnull => services.GetRequiredService<T>();

        private static Result Of<T>(FormResult<T> result, Func<T, byte[]> write, Func<T, string?> code, string form) where T : class =>
            result.Form is { } view
                ? new(write(view), $"mau-{form}-{code(view)}.pdf", StatusCodes.Status200OK, null)
                : new(null, null, StatusCodes.Status404NotFound, result.Unavailable);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dossiers/{id:guid}/forms/{form}.pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                    Guid id, string form, HttpContext http, Handler handler, CancellationToken ct) =>
                Answer(await handler.DossierFormAsync(id, form, new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"), ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Forms")
            .WithSummary("Biểu mẫu của hồ sơ (Thông tư 03/2025/TT-VPCP) dạng PDF: form = 01 (giấy tiếp nhận, hẹn trả), 02 (yêu cầu bổ sung), " +
                         "03 (từ chối tiếp nhận), 04 (xin lỗi, hẹn lại), 05 (dừng giải quyết), 06 (phiếu kiểm soát). Chỉ hồ sơ thuộc đơn vị của cán bộ.")
            .Produces(StatusCodes.Status200OK, contentType: FormPdf.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/forms/07.pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                    DateOnly? from, DateOnly? to, Handler handler, CancellationToken ct) =>
                Answer(await handler.RegisterAsync(from, to, ct)))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithTags("Forms")
            .WithSummary("Mẫu số 07 - Sổ theo dõi hồ sơ dạng PDF, các hồ sơ đơn vị của cán bộ tiếp nhận từ ngày from đến ngày to (yyyy-MM-dd, tối đa 31 ngày).")
            .Produces(StatusCodes.Status200OK, contentType: FormPdf.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Answer(Result r) =>
        r.Pdf is { } pdf ? TypedResults.File(pdf, FormPdf.ContentType, r.FileName)
        : r.Status == StatusCodes.Status404NotFound && r.Detail is null
            ? TypedResults.Problem("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy")
            : TypedResults.Problem(r.Detail, statusCode: r.Status, title: r.Status == StatusCodes.Status404NotFound ? "Biểu mẫu chưa có" : "Chưa xuất được PDF");
}
