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
        var (status, title, detail) = exception switch
        {
            DomainException e => (StatusCodes.Status422UnprocessableEntity, "Không thể thực hiện", e.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Dữ liệu vừa được thay đổi",
                "Hồ sơ vừa được người khác cập nhật trong lúc bạn thao tác. Vui lòng tải lại để xem thay đổi rồi thực hiện lại."),
            BadHttpRequestException e => (StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ",
                e.InnerException is System.Text.Json.JsonException ? "Dữ liệu gửi lên không đúng định dạng JSON." : "Yêu cầu không hợp lệ."),
            _ => (0, "", ""),
        };
        if (status == 0) return false;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
