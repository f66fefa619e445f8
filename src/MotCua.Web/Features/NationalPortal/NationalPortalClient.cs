using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Exchange;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>The exchange over HTTP, authenticated as the province's system with OAuth2 client credentials: the token is
/// kept (<see cref="NationalPortalTokens"/>) and renewed before it expires; one 401 drops it and tries once more with a new
/// one (the portal may revoke tokens early). The body is the §8 sync record (<see cref="SyncRecordJson"/>).</summary>
public sealed class NationalPortalClient(IHttpClientFactory http, NationalPortalTokens tokens, IOptionsMonitor<NationalPortalOptions> options, IServer server) : INationalPortal
{
    public const string HttpClientName = "dvcqg";
    public const string IdempotencyHeader = "Idempotency-Key";

    public Task<SyncAnswer> SendAsync(SyncRecord record, string idempotencyKey, CancellationToken ct) =>
        PostAsync(options.CurrentValue.SyncPath, record, idempotencyKey, ct);

    public Task<SyncAnswer> SendRatingAsync(RatingRecord rating, string idempotencyKey, CancellationToken ct) =>
        PostAsync(options.CurrentValue.RatingPath, rating, idempotencyKey, ct);

    private async Task<SyncAnswer> PostAsync<T>(string path, T body, string idempotencyKey, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (!o.SyncEnabled) throw new InvalidOperationException("NationalPortal:BaseUrl is not configured.");
        using var client = http.CreateClient(HttpClientName);
        client.Timeout = o.Timeout;
        client.BaseAddress = BaseAddress(o);
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetAsync(client, ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, Resolve(client.BaseAddress, path))
            {
                Content = JsonContent.Create(body, options: SyncRecordJson.Options),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add(IdempotencyHeader, idempotencyKey);
            using var response = await client.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                tokens.Forget(token);
                continue;
            }
            if (response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
            {
                var answer = await ReadAsync(response, ct);
                if (answer is not null) return answer;
            }
            // 401 twice, 403, 404, 429, 5xx, an unreadable answer: the portal did not judge the record; try again later.
            throw new HttpRequestException($"Cổng DVCQG trả lời {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }

    private static async Task<SyncAnswer?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<WireAnswer>(WireAnswer.Json, ct);
            if (body is null) return null;
            var accepted = response.IsSuccessStatusCode && body.Accepted;
            var errors = body.Errors ?? [];
            if (!accepted && errors.Count == 0) errors = ["Cổng DVCQG từ chối hồ sơ nhưng không nêu lý do."];
            return new SyncAnswer(accepted, body.Duplicate, errors, body.ReceiptId);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The exchange's address: <see cref="NationalPortalOptions.BaseUrl"/>, or, when it is a path
    /// ("/sandbox/dvcqg/", the development setting), that path on this app's own address, whatever its port.</summary>
    private Uri BaseAddress(NationalPortalOptions o)
    {
        var configured = o.BaseUrl.EndsWith('/') ? o.BaseUrl : o.BaseUrl + "/";
        if (Uri.TryCreate(configured, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute;
        var root = OwnAddress.Root(server) ?? throw new InvalidOperationException("NationalPortal:BaseUrl is a path and the app listens on no address yet.");
        return new Uri(root, configured.TrimStart('/'));
    }

    internal static Uri Resolve(Uri baseAddress, string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(baseAddress, path.TrimStart('/'));

    /// <summary>The exchange's answer on the wire (the simulator writes the same).</summary>
    public sealed class WireAnswer
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        [JsonPropertyName("accepted")] public bool Accepted { get; set; }
        [JsonPropertyName("duplicate")] public bool Duplicate { get; set; }
        [JsonPropertyName("receiptId")] public string? ReceiptId { get; set; }
        [JsonPropertyName("errors")] public List<string>? Errors { get; set; }
    }
}

/// <summary>The province's access token for the exchange, shared by every sync on this node: fetched once, renewed
/// <see cref="NationalPortalOptions.TokenRenewBefore"/> before it expires; concurrent callers wait for one fetch.</summary>
public sealed class NationalPortalTokens(IOptionsMonitor<NationalPortalOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    /// <summary>How many tokens were fetched (the health page and the tests read it).</summary>
    public int Fetched { get; private set; }

    public async Task<string> GetAsync(HttpClient client, CancellationToken ct)
    {
        if (_token is { } valid && clock.GetUtcNow() < _renewAt) return valid;
        await _lock.WaitAsync(ct);
        try
        {
            if (_token is { } fresh && clock.GetUtcNow() < _renewAt) return fresh;
            var o = options.CurrentValue;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = o.ClientId,
                ["client_secret"] = o.ClientSecret,
            });
            using var response = await client.PostAsync(NationalPortalClient.Resolve(client.BaseAddress!, o.TokenPath), form, ct);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"Cổng DVCQG không cấp mã truy cập: {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            TokenAnswer? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(ct);
            }
            catch (JsonException)
            {
                answer = null;
            }
            if (answer is not { AccessToken.Length: > 0 })
                throw new HttpRequestException("Cổng DVCQG trả về mã truy cập không đọc được.");
            var lifetime = TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn, 0));
            var now = clock.GetUtcNow();
            _token = answer.AccessToken;
            _renewAt = now + (lifetime > o.TokenRenewBefore ? lifetime - o.TokenRenewBefore : lifetime / 2);
            Fetched++;
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The portal refused this token: the next call fetches another (unless one was fetched meanwhile).</summary>
    public void Forget(string token)
    {
        if (_token == token) _token = null;
    }

    public void Dispose() => _lock.Dispose();

    private sealed class TokenAnswer
    {
        [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
        [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
    }
}
