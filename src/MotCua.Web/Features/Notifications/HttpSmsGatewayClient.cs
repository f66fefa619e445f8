using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Notifications;

/// <summary>The body of <c>POST {baseUrl}/sms/send</c> (README.md in this folder describes the protocol).</summary>
/// <param name="Phone">International form without '+': 84912345678.</param>
/// <param name="RequestId">Chosen by the sender and the same on every retry: the gateway sends one SMS per request id.</param>
/// <param name="Unicode">The message has characters outside the GSM alphabet and must go as UCS-2.</param>
public sealed record SmsSendRequest(
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("brandname")] string Brandname,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("unicode")] bool Unicode = false);

/// <param name="Code">"00" accepted; see <see cref="SmsGatewayCodes"/>.</param>
/// <param name="Duplicate">The request id was seen before: nothing new was sent, <see cref="MessageId"/> is the first one's.</param>
public sealed record SmsSendResponse(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("duplicate")] bool Duplicate = false);

public static class SmsGatewayCodes
{
    public const string Accepted = "00";
    public const string BadApiKey = "01";
    public const string UnknownBrandname = "02";
    public const string InvalidPhone = "10";
    public const string InvalidMessage = "11";
    public const string InvalidRequestId = "12";
    public const string Busy = "99";

    /// <summary>Refusals of the message itself; a bad key or brandname is configuration, fixed by the operator while
    /// the job is still retrying, so those are retried.</summary>
    public static bool IsPermanent(string? code) => code is InvalidPhone or InvalidMessage or InvalidRequestId;
}

/// <summary>A refusal or failure from the SMS gateway that may pass: the job is retried.</summary>
public sealed class SmsGatewayException : Exception
{
    public SmsGatewayException() { }
    public SmsGatewayException(string message) : base(message) { }
    public SmsGatewayException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Client of a brandname SMS gateway speaking the HTTP+JSON protocol of README.md, the common shape of the
/// Vietnamese providers' APIs. In development and tests the other side is <see cref="SmsGatewaySimulator"/>.</summary>
public sealed class HttpSmsGatewayClient(HttpClient http, IOptionsMonitor<NotificationOptions> options, IServer server)
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <returns>The gateway's message id.</returns>
    public async Task<string> SendAsync(string phone, string message, string requestId, CancellationToken ct)
    {
        var sms = options.CurrentValue.Sms;
        var configured = GatewayAddress(sms)
                         ?? throw new InvalidOperationException("Notifications:Sms:BaseUrl must be configured to send SMS.");
        var baseUrl = configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "sms/send"))
        {
            Content = JsonContent.Create(new SmsSendRequest(International(phone), message, sms.Brandname, requestId, !SmsText.IsGsm7(message))),
        };
        request.Headers.Add(ApiKeyHeader, sms.ApiKey ?? "");

        using var response = await http.SendAsync(request, ct);
        SmsSendResponse? answer = null;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<SmsSendResponse>(ct);
        }
        catch (JsonException)
        {
            // A proxy's error page, not the gateway: judged by the HTTP status below.
        }
        if (response.IsSuccessStatusCode && answer is { Code: SmsGatewayCodes.Accepted, MessageId: { } id }) return id;

        var detail = $"SMS gateway answered HTTP {(int)response.StatusCode}, code {answer?.Code ?? "-"}: {answer?.Message ?? response.ReasonPhrase}";
        if (SmsGatewayCodes.IsPermanent(answer?.Code)) throw new JobPermanentFailureException(detail);
        throw new SmsGatewayException(detail);
    }

    /// <summary>The configured gateway; without one, the simulator this app serves, at the address the app listens on
    /// now (whatever port it was started on), so that a development run on another port than the usual one still
    /// delivers its SMS.</summary>
    private Uri? GatewayAddress(SmsOptions sms)
    {
        if (sms.BaseUrl is { IsAbsoluteUri: true } configured) return configured;
        if (!sms.Simulator.Enabled) return null;
        return OwnAddress.Root(server) is { } root ? new Uri(root, SmsGatewaySimulator.Path.TrimStart('/') + "/") : null;
    }

    /// <summary>0912345678 or +84912345678 → 84912345678, the form the gateways take.</summary>
    public static string International(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith('0') ? "84" + digits[1..] : digits;
    }
}
