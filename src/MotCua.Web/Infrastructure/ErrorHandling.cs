using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MotCua.Web.Infrastructure;

/// <summary>Turns the exceptions that carry meaning for the user into ProblemDetails with a Vietnamese detail:
/// a broken rule is 422, a record absent or out of reach 404, a concurrent change 409, unreadable input 400. Anything else stays a 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has cleared the endpoint by now; its feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var body = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        if (UserProblem.Of(exception, body) is not { } problem) return false;
        httpContext.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            // A field's problem is also given by name in "errors", as the framework's validation problems are.
            ProblemDetails = problem.Field is { } field
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [problem.Detail] })
                    { Status = problem.Status, Title = problem.Title, Detail = problem.Detail }
                : new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail },
        });
    }
}

/// <summary>What an exception means to the user, if anything: one mapping for the API's ProblemDetails and for the
/// pages that show a refused action again with its reason (office and portal alike).</summary>
public sealed record UserProblem(int Status, string Title, string Detail, string? Field = null)
{
    /// <param name="body">The type the request's JSON body is read as, if known: it says what a wrong value should have been.</param>
    public static UserProblem? Of(Exception exception, Type? body = null) => exception switch
    {
        DomainException e => new(StatusCodes.Status422UnprocessableEntity, "Không thể thực hiện", e.Message),
        Features.Identity.ForbiddenException e => new(StatusCodes.Status403Forbidden, "Không có quyền", e.Message),
        NotFoundException e => new(StatusCodes.Status404NotFound, "Không tìm thấy", e.Message),
        ChangedException e => new(StatusCodes.Status409Conflict, $"{e.What} vừa được thay đổi", e.Message),
        DbUpdateConcurrencyException => new(StatusCodes.Status409Conflict, "Dữ liệu vừa được thay đổi",
            "Hồ sơ vừa được người khác cập nhật trong lúc bạn thao tác. Hãy xem lại hồ sơ như hiện nay rồi thực hiện lại nếu vẫn cần."),
        WriterQueueTimeoutException e => new(StatusCodes.Status503ServiceUnavailable, "Hệ thống đang bận", e.Message),
        BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => JsonProblem.Of(json, body),
        BadHttpRequestException e => new(e.StatusCode, "Yêu cầu không hợp lệ", RequestProblem.Describe(e)),
        _ => null,
    };
}

/// <summary>What was wrong with a JSON body, in Vietnamese, naming the field by its path in the body
/// (<c>applicant.fullName</c>, <c>components[0]</c>): our own checks say it in words already
/// (<see cref="InputException"/>); the serializer's refusals are described from the type it expected.</summary>
public static partial class JsonProblem
{
    private const string Title = "Dữ liệu không hợp lệ";

    public static UserProblem Of(System.Text.Json.JsonException e, Type? body = null)
    {
        var path = FieldOf(e.Path);
        if (e is InputException input)
        {
            var field = input.Field is null ? path : path is null ? input.Field : $"{path}.{input.Field}";
            return new(StatusCodes.Status400BadRequest, Title, field is null ? input.Message : $"Trường \"{field}\": {input.Message}", field);
        }
        // Broken JSON text (the reader's own exception inside): say where, not what type was expected.
        if (e.InnerException is System.Text.Json.JsonException) return NotJson(e, path);
        // The serializer names the object it was reading rather than the field's type when the object is built
        // through its constructor (our records): the field's type is found by following the path from the body's type.
        if (path is not null && body is not null && TypeAt(body, path) is { } expected)
            return new(StatusCodes.Status400BadRequest, Title, $"Trường \"{path}\": {Expected(expected)}", path);
        if (ConvertedTo().Match(e.Message) is { Success: true } m && path is not null)
            return new(StatusCodes.Status400BadRequest, Title, $"Trường \"{path}\": {Expected(m.Groups["type"].Value)}", path);
        return NotJson(e, path);
    }

    private static UserProblem NotJson(System.Text.Json.JsonException e, string? path)
    {
        var where = e.LineNumber is { } line ? $" (dòng {line + 1}, vị trí {e.BytePositionInLine + 1}{(path is null ? "" : $", trường \"{path}\"")})" : "";
        return new(StatusCodes.Status400BadRequest, Title, $"Dữ liệu gửi lên không đúng định dạng JSON{where}.", path);
    }

    /// <summary>The enum's names, for the message that refuses a value not among them.</summary>
    public static string Allowed(Type enumType) => $"các giá trị được chấp nhận: {string.Join(", ", Enum.GetNames(enumType))}";

    /// <summary>The type of the field at a JSON path like <c>applicant.kind</c> or <c>components[0].count</c>, or null.</summary>
    private static Type? TypeAt(Type type, string path)
    {
        foreach (var segment in PathSegment().Matches(path).Select(m => m.Value))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (segment.StartsWith('['))
            {
                var element = type.IsArray ? type.GetElementType()
                    : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
                if (element is null) return null;
                type = element;
                continue;
            }
            var name = segment.TrimStart('.').Trim('[', ']', '\'');
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = property.PropertyType;
        }
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d+\]|\['[^']*'\]|\.?[^.\[]+")]
    private static partial System.Text.RegularExpressions.Regex PathSegment();

    private static string? FieldOf(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>What the serializer expected, from the type name it gives ("could not be converted to System.Int64").</summary>
    private static string Expected(string typeName)
    {
        if (NullableOf().Match(typeName) is { Success: true } inner) typeName = inner.Groups["type"].Value;
        var type = Type.GetType(typeName) ?? typeof(JsonProblem).Assembly.GetType(typeName);
        return type is not null ? Expected(type)
            : typeName.Contains("Collections", StringComparison.Ordinal) ? "phải là một danh sách (mảng JSON)." : "phải là một đối tượng JSON ({ ... }).";
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return $"{Allowed(type)}.";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
            return "phải là một số nguyên (không có phần thập phân, không đặt trong dấu nháy, không quá lớn).";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "phải là một số.";
        if (type == typeof(bool)) return "phải là true hoặc false.";
        if (type == typeof(Guid)) return "phải là mã định danh dạng GUID, ví dụ 3fa85f64-5717-4562-b3fc-2c963f66afa6.";
        if (type == typeof(string)) return "phải là một chuỗi ký tự.";
        if (type == typeof(DateTime)) return "phải là thời điểm theo ISO 8601, ví dụ 2026-11-17T09:00:00Z.";
        if (type == typeof(DateOnly)) return "phải là ngày dạng yyyy-MM-dd, ví dụ 2026-11-17.";
        if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type)) return "phải là một danh sách (mảng JSON).";
        return "phải là một đối tượng JSON ({ ... }).";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"could not be converted to (?<type>.+?)\. Path:")]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();

    [System.Text.RegularExpressions.GeneratedRegex(@"^System\.Nullable`1\[(?<type>.+)\]$")]
    private static partial System.Text.RegularExpressions.Regex NullableOf();
}

/// <summary>Requests the framework could not bind before any JSON was read: a query or route value of the wrong
/// type, a missing body, a body that is not JSON.</summary>
public static partial class RequestProblem
{
    public static string Describe(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType) return "Dữ liệu phải được gửi dạng JSON (Content-Type: application/json).";
        if (FailedToBind().Match(e.Message) is { Success: true } bind)
            return $"Tham số \"{bind.Groups["name"].Value}\" không hợp lệ: \"{bind.Groups["value"].Value}\".";
        if (NotProvided().Match(e.Message) is { Success: true } missing)
            return $"Thiếu tham số \"{missing.Groups["name"].Value}\".";
        return "Yêu cầu không hợp lệ.";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Failed to bind parameter ""\S+ (?<name>\w+)"" from ""(?<value>.*)""")]
    private static partial System.Text.RegularExpressions.Regex FailedToBind();

    [System.Text.RegularExpressions.GeneratedRegex(@"parameter ""(?:\S+ )?(?<name>\w+)"" (?:was not provided|but no body)")]
    private static partial System.Text.RegularExpressions.Regex NotProvided();
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
