using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>The messages of the remote-signing protocol (docs/adr/0033a), shaped on the Vietnamese remote-signing
/// services (SmartCA and its peers): the key never leaves the service; this system asks for the user's certificate, sends
/// the hash to sign with the user's id, gets a transaction, and polls it until the user has confirmed on their phone.</summary>
public static class RemoteSigningProtocol
{
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    public sealed record CredentialRequest([property: JsonPropertyName("user_id")] string UserId);

    public sealed record CredentialResponse(
        [property: JsonPropertyName("credential_id")] string CredentialId,
        [property: JsonPropertyName("certificate")] string Certificate,
        [property: JsonPropertyName("chain")] IReadOnlyList<string> Chain);

    public sealed record SignRequest(
        [property: JsonPropertyName("user_id")] string UserId,
        [property: JsonPropertyName("credential_id")] string CredentialId,
        [property: JsonPropertyName("hash")] string Hash,
        [property: JsonPropertyName("hash_algorithm")] string HashAlgorithm,
        [property: JsonPropertyName("description")] string Description);

    public sealed record SignResponse([property: JsonPropertyName("transaction_id")] string TransactionId);

    /// <summary>status: "pending" (the user has not confirmed yet), "confirmed" (signature given), "rejected", "expired".</summary>
    public sealed record TransactionResponse(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("signature")] string? Signature);
}

/// <summary>The client of a remote-signing service at Signatures:Remote:BaseUrl (in development the simulator at
/// /sandbox/ky-so-tu-xa on this app's own address).</summary>
public sealed class RemoteSigningClient(IHttpClientFactory http, IOptionsMonitor<SigningOptions> options, IServer server, ILogger<RemoteSigningClient> logger)
    : IRemoteSigningClient
{
    public const string HttpClientName = "remote-signing";

    private RemoteSigningOptions Options => options.CurrentValue.Remote;

    public bool Enabled => Options.BaseUrl.Length > 0;

    public async Task<ISigningKey> KeyForAsync(string userId, CancellationToken ct)
    {
        using var client = Client();
        using var response = await SendAsync(client, c => c.PostAsJsonAsync("v1/credentials/info", new RemoteSigningProtocol.CredentialRequest(userId), ct));
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new DomainException("Dịch vụ ký số từ xa chưa cấp chứng thư số cho anh/chị; hãy đăng ký với nhà cung cấp dịch vụ.");
        await EnsureAsync(response, ct);
        var credential = await response.Content.ReadFromJsonAsync<RemoteSigningProtocol.CredentialResponse>(ct)
            ?? throw Unavailable(null);
        var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(credential.Certificate));
        var chain = credential.Chain.Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c))).ToList();
        return new RemoteKey(this, userId, credential.CredentialId, certificate, chain);
    }

    private async Task<byte[]> SignAsync(string userId, string credentialId, byte[] hash, CancellationToken ct)
    {
        using var client = Client();
        string transaction;
        using (var response = await SendAsync(client, c => c.PostAsJsonAsync("v1/signatures/sign", new RemoteSigningProtocol.SignRequest(
                   userId, credentialId, Convert.ToBase64String(hash), RemoteSigningProtocol.Sha256Oid, "Ký văn bản trên hệ thống một cửa"), ct)))
        {
            await EnsureAsync(response, ct);
            transaction = (await response.Content.ReadFromJsonAsync<RemoteSigningProtocol.SignResponse>(ct))?.TransactionId ?? throw Unavailable(null);
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            using var response = await SendAsync(client, c => c.GetAsync("v1/signatures/" + Uri.EscapeDataString(transaction), ct));
            await EnsureAsync(response, ct);
            var state = await response.Content.ReadFromJsonAsync<RemoteSigningProtocol.TransactionResponse>(ct) ?? throw Unavailable(null);
            switch (state.Status)
            {
                case "confirmed" when state.Signature is { Length: > 0 } signature:
                    return Convert.FromBase64String(signature);
                case "rejected":
                    throw new DomainException("Anh/chị đã từ chối yêu cầu ký trên ứng dụng ký số; văn bản chưa được ký.");
                case "expired":
                    throw new DomainException("Yêu cầu ký đã hết hạn mà chưa được xác nhận trên ứng dụng ký số; hãy ký lại.");
            }
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > Options.ConfirmTimeout)
                throw new DomainException("Chưa nhận được xác nhận ký trên ứng dụng ký số sau thời gian chờ; hãy ký lại.");
            await Task.Delay(Options.PollInterval, ct);
        }
    }

    private HttpClient Client()
    {
        var o = Options;
        var client = http.CreateClient(HttpClientName);
        client.BaseAddress = BaseAddress(o.BaseUrl);
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.ClientId}:{o.ClientSecret}")));
        return client;
    }

    /// <summary>An absolute address as configured; a path is on this app's own address (the development simulator).</summary>
    private Uri BaseAddress(string configured)
    {
        var url = configured.EndsWith('/') ? configured : configured + "/";
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute;
        var root = OwnAddress.Root(server) ?? new Uri("http://localhost/");
        return new Uri(root, url);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send(client);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(e, "The remote-signing service at {BaseUrl} did not answer.", Options.BaseUrl);
            throw Unavailable(e);
        }
    }

    private async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        logger.LogWarning("The remote-signing service answered {Status}: {Body}", (int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        throw Unavailable(null);
    }

    private static DomainException Unavailable(Exception? _) =>
        new("Dịch vụ ký số từ xa đang không trả lời được; văn bản chưa được ký. Hãy thử lại sau ít phút.");

    private sealed class RemoteKey(RemoteSigningClient client, string userId, string credentialId, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain)
        : ISigningKey
    {
        public X509Certificate2 Certificate => certificate;
        public IReadOnlyList<X509Certificate2> Chain => chain;
        public Task<byte[]> SignHashAsync(byte[] sha256, CancellationToken ct) => client.SignAsync(userId, credentialId, sha256, ct);
    }
}
