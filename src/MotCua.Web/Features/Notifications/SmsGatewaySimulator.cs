using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MotCua.Web.Features.Notifications;

/// <summary>How the simulator misbehaves when told to.</summary>
public enum SimulatedFailure
{
    /// <summary>503, code 99, nothing sent: the gateway is down or busy.</summary>
    Reject,
    /// <summary>The SMS is sent but the answer is a 503: a reply lost on the way back. The retry must not send it again.</summary>
    AcceptThenFail,
    /// <summary>400, code 10: the gateway refuses the number for good.</summary>
    InvalidPhone,
}

/// <summary>The other side of <see cref="HttpSmsGatewayClient"/>, for development and tests: it records what it is
/// sent, sends each request id once, and fails the next N requests when told to. The app serves it under
/// <see cref="Path"/> only when <c>Notifications:Sms:Simulator:Enabled</c> is true; production never uses it.</summary>
public sealed class SmsGatewaySimulator(TimeProvider clock)
{
    public const string Path = "/sms-simulator";

    public sealed record SentSms(string MessageId, string RequestId, string Phone, string Message, string Brandname, bool Unicode, DateTime ReceivedAtUtc);

    /// <summary>Every request, including refused and repeated ones: what a test counts to prove a retry kept its request id.</summary>
    public sealed record ReceivedRequest(string RequestId, string Phone, int HttpStatus, string Code, DateTime AtUtc);

    public sealed record FailureRule(int Count, string? Phone = null, SimulatedFailure Mode = SimulatedFailure.Reject);

    private sealed class Rule(int remaining, string? phone, SimulatedFailure mode)
    {
        public int Remaining { get; set; } = remaining;
        public string? Phone { get; } = phone;
        public SimulatedFailure Mode { get; } = mode;
    }

    private readonly Lock _lock = new();
    private readonly List<SentSms> _sent = [];
    private readonly Dictionary<string, SentSms> _byRequestId = new(StringComparer.Ordinal);
    private readonly List<ReceivedRequest> _requests = [];
    private readonly List<Rule> _rules = [];
    private int _sequence;

    /// <summary>The key callers must send in <see cref="HttpSmsGatewayClient.ApiKeyHeader"/>; null accepts any non-empty key.</summary>
    public string? ApiKey { get; set; }

    public IReadOnlyList<SentSms> Sent { get { lock (_lock) return [.. _sent]; } }

    public IReadOnlyList<ReceivedRequest> Requests { get { lock (_lock) return [.. _requests]; } }

    /// <summary>The next <paramref name="count"/> requests (to <paramref name="phone"/> only, if given, in the
    /// gateway's 84… form) fail as <paramref name="mode"/> says.</summary>
    public void FailNext(int count, string? phone = null, SimulatedFailure mode = SimulatedFailure.Reject)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock) _rules.Add(new Rule(count, phone, mode));
    }

    /// <summary>Behaves again; what was received is kept.</summary>
    public void ClearFailures()
    {
        lock (_lock) _rules.Clear();
    }

    public void Reset()
    {
        lock (_lock)
        {
            _sent.Clear();
            _byRequestId.Clear();
            _requests.Clear();
            _rules.Clear();
        }
    }

    /// <summary>The gateway's answer to one send request.</summary>
    public (int HttpStatus, SmsSendResponse Body) Receive(SmsSendRequest request, string? apiKey)
    {
        lock (_lock)
        {
            var (status, body) = Answer(request, apiKey);
            _requests.Add(new ReceivedRequest(request.RequestId ?? "", request.Phone ?? "", status, body.Code, clock.GetUtcNow().UtcDateTime));
            return (status, body);
        }
    }

    private (int, SmsSendResponse) Answer(SmsSendRequest request, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || (ApiKey is not null && apiKey != ApiKey))
            return (StatusCodes.Status401Unauthorized, new(SmsGatewayCodes.BadApiKey, null, "API key không hợp lệ."));
        if (string.IsNullOrWhiteSpace(request.RequestId) || request.RequestId.Length > 64)
            return (StatusCodes.Status400BadRequest, new(SmsGatewayCodes.InvalidRequestId, null, "requestId bắt buộc, tối đa 64 ký tự."));
        if (string.IsNullOrWhiteSpace(request.Brandname))
            return (StatusCodes.Status400BadRequest, new(SmsGatewayCodes.UnknownBrandname, null, "Brandname chưa được đăng ký."));
        if (request.Phone is null || !request.Phone.StartsWith("84", StringComparison.Ordinal) || request.Phone.Length is < 11 or > 12 || !request.Phone.All(char.IsAsciiDigit))
            return (StatusCodes.Status400BadRequest, new(SmsGatewayCodes.InvalidPhone, null, "Số điện thoại không hợp lệ (dạng 84xxxxxxxxx)."));
        if (string.IsNullOrEmpty(request.Message) || SmsText.Segments(request.Message) > 5)
            return (StatusCodes.Status400BadRequest, new(SmsGatewayCodes.InvalidMessage, null, "Nội dung trống hoặc quá dài (tối đa 5 tin)."));

        if (_byRequestId.TryGetValue(request.RequestId, out var earlier))
            return (StatusCodes.Status200OK, new(SmsGatewayCodes.Accepted, earlier.MessageId, "Yêu cầu đã được xử lý trước đó.", Duplicate: true));

        var rule = _rules.FirstOrDefault(r => r.Remaining > 0 && (r.Phone is null || r.Phone == request.Phone));
        if (rule is not null)
        {
            rule.Remaining--;
            if (rule.Mode == SimulatedFailure.Reject)
                return (StatusCodes.Status503ServiceUnavailable, new(SmsGatewayCodes.Busy, null, "Hệ thống đang bận, vui lòng thử lại."));
            if (rule.Mode == SimulatedFailure.InvalidPhone)
                return (StatusCodes.Status400BadRequest, new(SmsGatewayCodes.InvalidPhone, null, "Thuê bao không tồn tại."));
        }

        var sent = new SentSms(string.Create(CultureInfo.InvariantCulture, $"SIM-{++_sequence:D6}"), request.RequestId, request.Phone, request.Message,
            request.Brandname, request.Unicode, clock.GetUtcNow().UtcDateTime);
        _sent.Add(sent);
        _byRequestId[request.RequestId] = sent;
        return rule?.Mode == SimulatedFailure.AcceptThenFail
            ? (StatusCodes.Status503ServiceUnavailable, new(SmsGatewayCodes.Busy, null, "Hết thời gian chờ phản hồi."))
            : (StatusCodes.Status200OK, new(SmsGatewayCodes.Accepted, sent.MessageId, "Đã tiếp nhận."));
    }

    /// <summary>The gateway's endpoint and the simulator's controls under <paramref name="prefix"/>.</summary>
    public static RouteGroupBuilder Map(IEndpointRouteBuilder routes, string prefix = Path)
    {
        var group = routes.MapGroup(prefix).AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/sms/send", JsonHttpResult<SmsSendResponse> (SmsSendRequest request,
                [FromHeader(Name = HttpSmsGatewayClient.ApiKeyHeader)] string? apiKey, SmsGatewaySimulator simulator) =>
            {
                var (status, body) = simulator.Receive(request, apiKey);
                return TypedResults.Json(body, statusCode: status);
            });
        // The controls list every SMS (phone numbers, lookup codes): only for a caller with the configured key, and not
        // at all when none is configured.
        var controls = group.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var simulator = context.HttpContext.RequestServices.GetRequiredService<SmsGatewaySimulator>();
            var given = context.HttpContext.Request.Headers[HttpSmsGatewayClient.ApiKeyHeader].ToString();
            return simulator.ApiKey is { Length: > 0 } key && given.Length > 0
                   && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                       System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(key))
                ? await next(context)
                : TypedResults.Problem("API key không hợp lệ.", statusCode: StatusCodes.Status401Unauthorized, title: "Chưa xác thực");
        });
        controls.MapGet("/messages", Ok<IReadOnlyList<SentSms>> (SmsGatewaySimulator simulator) => TypedResults.Ok(simulator.Sent));
        controls.MapGet("/requests", Ok<IReadOnlyList<ReceivedRequest>> (SmsGatewaySimulator simulator) => TypedResults.Ok(simulator.Requests));
        controls.MapPost("/failures", NoContent (FailureRule rule, SmsGatewaySimulator simulator) =>
            {
                simulator.FailNext(rule.Count, rule.Phone, rule.Mode);
                return TypedResults.NoContent();
            });
        controls.MapDelete("/messages", NoContent (SmsGatewaySimulator simulator) =>
            {
                simulator.Reset();
                return TypedResults.NoContent();
            });
        return group;
    }
}
