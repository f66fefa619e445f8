using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Population;

/// <summary>The population database's sharing service over HTTP (Features/Population/README.md): an OAuth2
/// client-credentials token, kept and renewed before it expires (one 401 drops it and tries once more), then one POST per
/// lookup carrying a request id, the query and who asks; the answer's result code says found, not found or mismatch.
/// Anything else — no configuration, a refused token, 5xx, a timeout, an unreadable answer — is an outage.</summary>
public sealed class PopulationRegistryClient(IHttpClientFactory http, PopulationTokens tokens, IOptionsMonitor<PopulationOptions> options, IServer server,
    ILogger<PopulationRegistryClient> logger) : IPopulationRegistry
{
    public const string HttpClientName = "csdl-dan-cu";

    public async Task<PopulationAnswer> LookUpAsync(PersonQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var o = options.CurrentValue;
        if (!o.Configured) return new PopulationAnswer(PopulationOutcome.Unavailable, query.RequestId, Message: "Chưa cấu hình kết nối Cơ sở dữ liệu quốc gia về dân cư.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        try
        {
            using var client = http.CreateClient(HttpClientName);
            client.BaseAddress = BaseAddress(o);
            for (var attempt = 1; ; attempt++)
            {
                var token = await tokens.GetAsync(client, timeout.Token);
                using var request = new HttpRequestMessage(HttpMethod.Post, Resolve(client.BaseAddress, o.LookupPath))
                {
                    Content = JsonContent.Create(new PopulationWire.Query
                    {
                        RequestId = query.RequestId, IdNumber = query.IdNumber, FullName = query.FullName,
                        BirthDate = query.BirthDate.ToString(PopulationWire.DateFormat, CultureInfo.InvariantCulture),
                        Requester = query.Requester, RequestingUnit = query.RequestingUnit, Purpose = query.Purpose,
                    }, options: PopulationWire.Json),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request, timeout.Token);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    tokens.Forget(token);
                    continue;
                }
                if (!response.IsSuccessStatusCode) return Down(query, $"Cơ sở dữ liệu dân cư trả lời {(int)response.StatusCode}.");
                var answer = await response.Content.ReadFromJsonAsync<PopulationWire.Answer>(PopulationWire.Json, timeout.Token);
                return Read(query, answer);
            }
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return Down(query, e.Message);
        }
    }

    private PopulationAnswer Down(PersonQuery query, string why)
    {
        logger.LogWarning("Population database lookup {RequestId} failed: {Why}", query.RequestId, why);
        return new PopulationAnswer(PopulationOutcome.Unavailable, query.RequestId, Message: "Không kết nối được Cơ sở dữ liệu quốc gia về dân cư.");
    }

    private PopulationAnswer Read(PersonQuery query, PopulationWire.Answer? answer)
    {
        // An answer to another query is not this one's (a proxy mixing replies): the desk must not fill someone else.
        if (answer is null || answer.RequestId != query.RequestId) return Down(query, "answer without this request's id");
        switch (answer.Code)
        {
            case PopulationWire.NotFound: return new PopulationAnswer(PopulationOutcome.NotFound, query.RequestId, Message: answer.Message);
            case PopulationWire.Mismatch: return new PopulationAnswer(PopulationOutcome.Mismatch, query.RequestId, Message: answer.Message);
            case PopulationWire.Found:
                var person = PopulationWire.ToPerson(answer.Person);
                if (person is null || person.IdNumber != query.IdNumber) return Down(query, "found without a readable person of the ID number asked");
                return new PopulationAnswer(PopulationOutcome.Found, query.RequestId, person, answer.Message);
            default: return Down(query, $"result code {answer.Code}: {answer.Message}");
        }
    }

    /// <summary><see cref="PopulationOptions.BaseUrl"/>, or, when it is a path (development), that path on this app's own address.</summary>
    private Uri BaseAddress(PopulationOptions o)
    {
        var configured = o.BaseUrl.EndsWith('/') ? o.BaseUrl : o.BaseUrl + "/";
        if (Uri.TryCreate(configured, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute;
        var root = OwnAddress.Root(server) ?? throw new HttpRequestException("Population:BaseUrl is a path and the app listens on no address yet.");
        return new Uri(root, configured.TrimStart('/'));
    }

    internal static Uri Resolve(Uri baseAddress, string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(baseAddress, path.TrimStart('/'));
}

/// <summary>The province's access token for the sharing service, shared by every lookup on this node: fetched once,
/// renewed a minute before it expires; concurrent callers wait for one fetch.</summary>
public sealed class PopulationTokens(IOptionsMonitor<PopulationOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public int Fetched { get; private set; }

    public async Task<string> GetAsync(HttpClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_token is { } valid && clock.GetUtcNow() < _renewAt) return valid;
        await _lock.WaitAsync(ct);
        try
        {
            if (_token is { } fresh && clock.GetUtcNow() < _renewAt) return fresh;
            var o = options.CurrentValue;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = o.ClientId, ["client_secret"] = o.ClientSecret,
            });
            using var response = await client.PostAsync(PopulationRegistryClient.Resolve(client.BaseAddress!, o.TokenPath), form, ct);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"Không được cấp mã truy cập: {(int)response.StatusCode}.", null, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(ct);
            if (answer is not { AccessToken.Length: > 0 }) throw new HttpRequestException("Mã truy cập không đọc được.");
            var lifetime = TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn, 0));
            _token = answer.AccessToken;
            _renewAt = clock.GetUtcNow() + (lifetime > TimeSpan.FromMinutes(2) ? lifetime - TimeSpan.FromMinutes(1) : lifetime / 2);
            Fetched++;
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

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
