using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Infrastructure;

/// <summary>Turns the exceptions that carry meaning for the user into ProblemDetails with a Vietnamese detail:
/// a broken rule is 422, a concurrent change 409, unreadable input 400. Anything else stays a 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (UserProblem.Of(exception) is not { } problem) return false;
        httpContext.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail },
        });
    }
}

/// <summary>What an exception means to the user, if anything: one mapping for the API's ProblemDetails and for the
/// pages that show a refused action again with its reason (office and portal alike).</summary>
public sealed record UserProblem(int Status, string Title, string Detail)
{
    public static UserProblem? Of(Exception exception) => exception switch
    {
        DomainException e => new(StatusCodes.Status422UnprocessableEntity, "Không thể thực hiện", e.Message),
        Features.Identity.ForbiddenException e => new(StatusCodes.Status403Forbidden, "Không có quyền", e.Message),
        Features.Dossiers.DossierNotFoundException e => new(StatusCodes.Status404NotFound, "Không tìm thấy", e.Message),
        Features.Dossiers.DossierChangedException e => new(StatusCodes.Status409Conflict, "Hồ sơ vừa được thay đổi", e.Message),
        DbUpdateConcurrencyException => new(StatusCodes.Status409Conflict, "Dữ liệu vừa được thay đổi",
            "Hồ sơ vừa được người khác cập nhật trong lúc bạn thao tác. Hãy xem lại hồ sơ như hiện nay rồi thực hiện lại nếu vẫn cần."),
        BadHttpRequestException e => new(StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ",
            e.InnerException is System.Text.Json.JsonException ? "Dữ liệu gửi lên không đúng định dạng JSON." : "Yêu cầu không hợp lệ."),
        _ => null,
    };
}

/// <summary>Status codes produced by the framework itself (401, 403, 404, 405, 415) get Vietnamese words too.</summary>
public static class ProblemText
{
    public static void Vietnamese(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var (title, detail) = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ("Yêu cầu không hợp lệ", "Dữ liệu gửi lên không hợp lệ."),
            StatusCodes.Status401Unauthorized => ("Chưa đăng nhập", "Vui lòng đăng nhập để tiếp tục."),
            StatusCodes.Status403Forbidden => ("Không có quyền", "Tài khoản của bạn không có quyền thực hiện thao tác này."),
            StatusCodes.Status404NotFound => ("Không tìm thấy", "Không tìm thấy nội dung yêu cầu."),
            StatusCodes.Status405MethodNotAllowed => ("Phương thức không được hỗ trợ", "Địa chỉ này không hỗ trợ phương thức yêu cầu."),
            StatusCodes.Status409Conflict => ("Xung đột dữ liệu", "Dữ liệu vừa được thay đổi; vui lòng tải lại."),
            StatusCodes.Status415UnsupportedMediaType => ("Định dạng không được hỗ trợ", "Định dạng dữ liệu gửi lên không được hỗ trợ."),
            StatusCodes.Status422UnprocessableEntity => ("Không thể thực hiện", null),
            _ => ("Lỗi hệ thống", "Đã xảy ra lỗi; vui lòng thử lại sau hoặc liên hệ quản trị hệ thống."),
        };
        // Keep what a handler wrote in Vietnamese; replace the framework's English defaults.
        if (problem.Title is null || problem.Title.All(char.IsAscii)) problem.Title = title;
        problem.Detail ??= detail;
    }
}
