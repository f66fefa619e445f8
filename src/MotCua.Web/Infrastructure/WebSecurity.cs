using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Infrastructure;

/// <summary>One fixed-window limit: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>Limits on the public doors that a guesser uses (docs/adr/0017): sign-in, the account forms and the public
/// lookup, counted per client address (after the trusted proxy's X-Forwarded-For), and failed sign-ins also per client
/// and typed account name, below the account's own lockout.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in attempts from one address, whatever the account (slows password spraying; an office behind one
    /// address must fit its morning sign-ins in it).</summary>
    public WindowLimit SignInPerClient { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Failed sign-ins from one address for one typed account name (<see cref="SignInThrottle"/>): kept below
    /// Identity's lockout (<see cref="IdentitySetup.MaxFailedAccessAttempts"/>) so that one address cannot lock an
    /// account quickly. Successful sign-ins do not count.</summary>
    public WindowLimit SignInPerAccount { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(30) };

    /// <summary>Registration, password-reset requests and resets from one address.</summary>
    public WindowLimit AccountFormsPerClient { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Public lookups (the page and the API) from one address.</summary>
    public WindowLimit LookupPerClient { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>What a public deployment needs around the app: security headers on every answer, rate limits on the doors,
/// the trusted reverse proxy's forwarded headers, and in Production HSTS, HTTPS redirection and a refusal to start
/// without <c>AllowedHosts</c> and <c>Forms:PublicBaseUrl</c> (docs/operations.md §8).</summary>
public static class WebSecurity
{
    public const string TooManyRequests =
        "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ vài phút rồi thử lại.";

    /// <summary>No inline script anywhere (scripts are files under wwwroot/js); style attributes are allowed (pages use
    /// them for layout) but style elements only from the site. Older browsers that know no style-src-elem/-attr use
    /// style-src.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string SignInKind = "sign-in";
    private const string AccountKind = "account";
    private const string LookupKind = "lookup";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName);
        services.AddSingleton<SignInThrottle>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The host is not taken from the proxy: AllowedHosts and Forms:PublicBaseUrl decide the public address.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerClient);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Production must know its public address: links in the receipt's QR code and in reset e-mails would
    /// otherwise be built from the Host header, which whoever sends the request chooses.</summary>
    public static void CheckProductionSettings(WebApplication app)
    {
        if (!app.Environment.IsProduction()) return;
        var problems = new List<string>();
        var hosts = app.Configuration["AllowedHosts"];
        if (string.IsNullOrWhiteSpace(hosts) || hosts.Split(';').Any(h => h.Trim() == "*"))
            problems.Add("AllowedHosts phải liệt kê tên miền của hệ thống (ví dụ \"dichvucong.example.vn;motcua.example.vn\"), không dùng \"*\".");
        var baseUrl = app.Services.GetRequiredService<IOptions<FormsOptions>>().Value.PublicBaseUrl;
        if (baseUrl is null || !baseUrl.IsAbsoluteUri || baseUrl.Scheme != Uri.UriSchemeHttps)
            problems.Add("Forms:PublicBaseUrl phải là địa chỉ công khai https của Cổng (ví dụ https://dichvucong.example.vn/).");
        if (problems.Count > 0)
            throw new InvalidOperationException("Cấu hình chưa đủ để chạy ở môi trường Production (docs/operations.md §8): " + string.Join(" ", problems));
    }

    /// <summary>The first middleware: the client's address and scheme as the trusted proxy saw them.</summary>
    public static void UseTrustedProxy(this WebApplication app) => app.UseForwardedHeaders();

    /// <summary>HSTS and HTTPS redirection (Production), and the security headers on every answer.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.Use((ctx, next) =>
        {
            // Set when the answer starts: the exception handler clears headers set earlier.
            ctx.Response.OnStarting(() =>
            {
                var headers = ctx.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Lookup addresses carry the lookup code in the query: no other site learns them.
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            return next();
        });
    }

    /// <summary>After routing: the per-client limits.</summary>
    public static void UseDoorLimits(this WebApplication app) => app.UseRateLimiter();

    private static string? KindOf(HttpRequest request)
    {
        var path = (request.Path.Value ?? "").TrimEnd('/').ToLowerInvariant();
        if (HttpMethods.IsPost(request.Method))
            return path switch
            {
                "/office/login" or "/dang-nhap" or "/api/auth/login" => SignInKind,
                "/dang-ky" or "/quen-mat-khau" or "/dat-lai-mat-khau" => AccountKind,
                _ => null,
            };
        if (HttpMethods.IsGet(request.Method) && (path == "/tra-cuu" || path.StartsWith("/api/tracking/", StringComparison.Ordinal)))
            return LookupKind;
        return null;
    }

    internal static string Client(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "-";

    private static RateLimitPartition<string> PerClient(HttpContext ctx)
    {
        var options = ctx.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!options.Enabled) return RateLimitPartition.GetNoLimiter("");
        return KindOf(ctx.Request) switch
        {
            SignInKind => Fixed($"sign-in|{Client(ctx)}", options.SignInPerClient),
            AccountKind => Fixed($"account|{Client(ctx)}", options.AccountFormsPerClient),
            LookupKind => Fixed($"lookup|{Client(ctx)}", options.LookupPerClient),
            _ => RateLimitPartition.GetNoLimiter(""),
        };
    }

    internal static RateLimitPartition<string> Fixed(string key, WindowLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.PermitLimit),
            Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Quá nhiều yêu cầu", Detail = TooManyRequests },
            });
            return;
        }
        // A page: a short page of its own, since the form that was posted cannot be shown again without running it.
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"""
             <!DOCTYPE html>
             <html lang="vi"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
             <title>Quá nhiều yêu cầu</title><link rel="stylesheet" href="/css/site.css" /></head>
             <body><main id="main" class="container"><h1>Quá nhiều yêu cầu</h1><p role="alert">{TooManyRequests}</p>
             <p><a href="/">Về trang chủ</a></p></main></body></html>
             """, ct);
    }
}

/// <summary>Failed sign-ins per client address and typed account name (<c>RateLimits:SignInPerAccount</c>). Only failures
/// count — an official who signs in and out all morning is never slowed — so this is not the middleware's limiter:
/// the door asks before checking the password and reports a failure after.</summary>
public sealed class SignInThrottle(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        options.Value.Enabled ? WebSecurity.Fixed(key, options.Value.SignInPerAccount) : RateLimitPartition.GetNoLimiter(key));

    /// <summary>Whether this client may try this account now (no failure budget is used by asking).</summary>
    public bool MayTry(HttpContext context, string? typedName)
    {
        using var lease = _failures.AttemptAcquire(Key(context, typedName), 0);
        return lease.IsAcquired;
    }

    public void Failed(HttpContext context, string? typedName) => _failures.AttemptAcquire(Key(context, typedName)).Dispose();

    /// <summary>"+84 912…", "0912…" and case differences are one name.</summary>
    private static string Key(HttpContext context, string? typedName) =>
        $"{WebSecurity.Client(context)}|{CitizenAccounts.NormalizePhone((typedName ?? "").Trim()).ToUpperInvariant()}";

    public void Dispose() => _failures.Dispose();
}
