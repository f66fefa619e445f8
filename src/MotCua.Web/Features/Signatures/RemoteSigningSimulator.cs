using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>A local stand-in for a remote-signing service (SmartCA-style), for development, the demo and the tests — never
/// served in Production (<see cref="SignaturesModule.MapSignatures"/>). It holds the demo CA (<see cref="DemoCertificateAuthority"/>)
/// and issues each user a certificate on first request (an official's id gives their name and unit); a sign request is
/// confirmed at once, as if the user had tapped "Xác nhận" on their phone — except for user ids that start with
/// "tu-choi", which are rejected.</summary>
public sealed class RemoteSigningSimulator(DemoCertificateAuthority demo, IServiceScopeFactory scopes, IOptionsMonitor<SigningOptions> options)
{
    public const string Root = "/sandbox/ky-so-tu-xa";

    private sealed record Transaction(string Status, string? Signature);

    private readonly ConcurrentDictionary<string, Transaction> _transactions = new(StringComparer.Ordinal);

    public int SignRequests => _signRequests;
    private int _signRequests;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Root).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        group.MapPost("/v1/credentials/info", async (HttpContext http, RemoteSigningProtocol.CredentialRequest request, RemoteSigningSimulator s, CancellationToken ct) =>
            !s.Authorized(http) ? Results.Unauthorized() : Results.Ok(await s.CredentialAsync(request.UserId, ct)));
        group.MapPost("/v1/signatures/sign", async (HttpContext http, RemoteSigningProtocol.SignRequest request, RemoteSigningSimulator s, CancellationToken ct) =>
            !s.Authorized(http) ? Results.Unauthorized() : await s.SignAsync(request, ct));
        group.MapGet("/v1/signatures/{transactionId}", (HttpContext http, string transactionId, RemoteSigningSimulator s) =>
            !s.Authorized(http) ? Results.Unauthorized()
            : s._transactions.TryGetValue(transactionId, out var t) ? Results.Ok(new RemoteSigningProtocol.TransactionResponse(t.Status, t.Signature))
            : Results.NotFound());
    }

    private bool Authorized(HttpContext http)
    {
        var o = options.CurrentValue.Remote;
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) || header.Scheme != "Basic" || header.Parameter is null)
            return false;
        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = $"{o.ClientId}:{o.SimulatorClientSecret}";
        return o.SimulatorClientSecret.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(pair), Encoding.UTF8.GetBytes(expected));
    }

    private async Task<RemoteSigningProtocol.CredentialResponse> CredentialAsync(string userId, CancellationToken ct)
    {
        using var key = await KeyAsync(userId, ct);
        return new(userId, Convert.ToBase64String(key.Certificate.RawData), [.. key.Chain.Select(c => Convert.ToBase64String(c.RawData))]);
    }

    private async Task<IResult> SignAsync(RemoteSigningProtocol.SignRequest request, CancellationToken ct)
    {
        Interlocked.Increment(ref _signRequests);
        byte[] hash;
        try
        {
            hash = Convert.FromBase64String(request.Hash);
        }
        catch (FormatException)
        {
            return Results.BadRequest();
        }
        if (hash.Length != 32 || request.HashAlgorithm != RemoteSigningProtocol.Sha256Oid) return Results.BadRequest();
        var id = Guid.NewGuid().ToString("N");
        if (request.UserId.StartsWith("tu-choi", StringComparison.Ordinal))
        {
            _transactions[id] = new Transaction("rejected", null);
        }
        else
        {
            using var key = await KeyAsync(request.UserId, ct);
            _transactions[id] = new Transaction("confirmed", Convert.ToBase64String(await key.SignHashAsync(hash, ct)));
        }
        return Results.Json(new RemoteSigningProtocol.SignResponse(id), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The user's key, issued on first use; an official's id names the certificate after them and their unit.</summary>
    private async Task<LocalSigningKey> KeyAsync(string userId, CancellationToken ct)
    {
        string name = userId, organisation = "MotCua";
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (Guid.TryParseExact(userId, "N", out var officialId)
                && await db.Officials.AsNoTracking().Where(o => o.Id == officialId).Select(o => new { o.FullName, o.UnitId }).FirstOrDefaultAsync(ct) is { } official)
            {
                name = official.FullName;
                organisation = await db.Units.AsNoTracking().Where(u => u.Id == official.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? organisation;
            }
            else if (userId.StartsWith("unit:", StringComparison.Ordinal) && Guid.TryParseExact(userId[5..], "N", out var unitId)
                     && await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) is { } unitName)
            {
                name = organisation = unitName;
            }
        }
        return await demo.KeyForAsync(userId, name, organisation, ct);
    }
}
