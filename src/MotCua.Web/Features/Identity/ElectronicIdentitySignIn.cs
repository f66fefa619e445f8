using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using MotCua.Web.Features.Identity.Sandbox;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Identity;

/// <summary>Sign-in with the national e-ID (VNeID) by OpenID Connect, code flow with PKCE (docs/adr/0033b): the portal's
/// "Đăng nhập bằng VNeID" and "Liên kết tài khoản với VNeID" start at <see cref="StartPath"/>; the provider sends the
/// browser back to <see cref="ElectronicIdentityOptions.CallbackPath"/>, where .NET's handler checks the state, exchanges
/// the code (with the PKCE verifier) and validates the ID token, then keeps the identity in Identity's short-lived external
/// cookie; the page at <see cref="ResultPath"/> hands it to <see cref="LinkElectronicIdentity"/> and signs the citizen in
/// with the portal's normal cookie. Every failure the provider reports ends on that page, in Vietnamese.</summary>
public static class ElectronicIdentitySignIn
{
    public const string StartPath = "/dang-nhap/vneid";
    public const string ResultPath = "/dang-nhap/vneid/ket-qua";
    public const string HttpClientName = "vneid";

    /// <summary>Carried through the provider in the protected state: the account the citizen asked to link.</summary>
    public const string LinkItem = "motcua:link";
    /// <summary>Carried through the provider: where to go once signed in (a local address).</summary>
    public const string ReturnItem = "motcua:return";

    /// <summary>Codes of the result page's query for what went wrong at the provider.</summary>
    public const string DeniedError = "tu-choi";
    public const string InvalidError = "khong-hop-le";

    internal static void Add(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var production = environment.IsProduction();
        services.AddOptions<ElectronicIdentityOptions>().Bind(configuration.GetSection(ElectronicIdentityOptions.SectionName))
            .Validate(o => !o.Enabled || !production || (Uri.TryCreate(o.Authority, UriKind.Absolute, out var a) && a.Scheme == Uri.UriSchemeHttps),
                "ElectronicIdentity:Enabled is true but ElectronicIdentity:Authority is not the provider's https address: in Production the national e-ID provider must be configured explicitly (the local simulator is never served there). Set ElectronicIdentity:Authority, ClientId and ClientSecret, or set ElectronicIdentity:Enabled to false.")
            .Validate(o => !o.Enabled || !production || (o.ClientId.Length > 0 && o.ClientSecret.Length > 0),
                "ElectronicIdentity:ClientId and ElectronicIdentity:ClientSecret must be set in Production when ElectronicIdentity:Enabled is true.")
            .Validate(o => !o.Enabled || o.Authority.Length == 0 || Uri.TryCreate(o.Authority, UriKind.Absolute, out _),
                "ElectronicIdentity:Authority must be an absolute address (or empty for the local simulator outside Production).")
            .Validate(o => !o.Enabled || new[] { o.PersonalIdNumberClaim, o.FullNameClaim }.All(c => !string.IsNullOrWhiteSpace(c)),
                "ElectronicIdentity:PersonalIdNumberClaim and ElectronicIdentity:FullNameClaim must name the ID token's claims.")
            .ValidateOnStart();
        var options = configuration.GetSection(ElectronicIdentityOptions.SectionName).Get<ElectronicIdentityOptions>() ?? new();
        if (!options.Enabled) return;
        services.AddHttpClient(HttpClientName);
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureHandler>();
        services.AddAuthentication().AddOpenIdConnect(ElectronicIdentityOptions.Scheme, "VNeID", _ => { });
    }

    internal static void Map(IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<ElectronicIdentityOptions>>().Value.Enabled) return;
        app.MapGet(StartPath, Start).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Off to the provider. A link (<c>lienKet=true</c>) is for the signed-in citizen's own account; the id travels
    /// in the handler's protected state, and the result page checks it is still the signed-in account.</summary>
    private static IResult Start(HttpContext context, CurrentUser user, string? returnUrl, bool? lienKet)
    {
        var properties = new AuthenticationProperties { RedirectUri = ResultPath };
        if (lienKet == true)
        {
            if (!user.IsCitizen) return Results.Redirect("/dang-nhap?ReturnUrl=" + Uri.EscapeDataString("/tai-khoan"));
            properties.Items[LinkItem] = user.Id.ToString();
        }
        if (IsLocal(returnUrl)) properties.Items[ReturnItem] = returnUrl;
        return Results.Challenge(properties, [ElectronicIdentityOptions.Scheme]);
    }

    /// <summary>A path on this site ("/x", not "//host" nor "/\host").</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    /// <summary>What the provider vouched for, read from the external cookie; null when there is none (expired, or the
    /// page opened directly).</summary>
    public static async Task<(LinkElectronicIdentity.VerifiedIdentity Identity, Guid? LinkTo, string? ReturnUrl)?> ReadAsync(HttpContext context, ElectronicIdentityOptions options)
    {
        var result = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded || result.Principal is not { } principal || result.Properties is not { } properties) return null;
        string Claim(string type) => principal.FindFirstValue(type)?.Trim() ?? "";
        var identity = new LinkElectronicIdentity.VerifiedIdentity(ElectronicIdentityOptions.Scheme, Claim("sub"), Claim(options.PersonalIdNumberClaim),
            Claim(options.FullNameClaim), Text.NormalizeOrNull(Claim(options.PhoneClaim)), null, BirthDate(Claim(options.BirthDateClaim)));
        var linkTo = properties.Items.TryGetValue(LinkItem, out var id) && Guid.TryParse(id, out var g) ? g : (Guid?)null;
        var returnUrl = properties.Items.TryGetValue(ReturnItem, out var back) && IsLocal(back) ? back : null;
        return (identity, linkTo, returnUrl);
    }

    public static Task ForgetAsync(HttpContext context) => context.SignOutAsync(IdentityConstants.ExternalScheme);

    private static DateOnly? BirthDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The handler's options, from ElectronicIdentity:… and, for the simulator, the app's own address (known once
    /// it listens; the options are built at the first request).</summary>
    private sealed class ConfigureHandler(IOptions<ElectronicIdentityOptions> configured, IServer server, IHttpClientFactory http, IHostEnvironment environment)
        : IConfigureNamedOptions<OpenIdConnectOptions>
    {
        public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

        public void Configure(string? name, OpenIdConnectOptions o)
        {
            if (name != ElectronicIdentityOptions.Scheme) return;
            var e = configured.Value;
            var simulated = e.Authority.Length == 0;
            if (simulated && environment.IsProduction())
                throw new InvalidOperationException("ElectronicIdentity:Authority must be set in Production.");
            o.Authority = simulated
                ? new Uri(OwnAddress.Root(server) ?? new Uri("http://localhost/"), ElectronicIdentitySimulator.Root.TrimStart('/')).ToString()
                : e.Authority;
            o.ClientId = e.ClientId;
            // The simulator's one client has the sandbox secret unless configured otherwise (never in Production).
            o.ClientSecret = e.ClientSecret.Length == 0 && !environment.IsProduction() ? ElectronicIdentitySimulator.SandboxSecret : e.ClientSecret;
            o.RequireHttpsMetadata = environment.IsProduction() || o.Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = ElectronicIdentityOptions.CallbackPath;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            // The claims as the provider names them: the names to read are configuration (ElectronicIdentity:*Claim).
            o.MapInboundClaims = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in e.Scopes.Where(s => s.Length > 0 && s != "openid")) o.Scope.Add(scope);
            o.Backchannel = http.CreateClient(HttpClientName);
            // The browser comes back by a top-level GET redirect: Lax cookies go with it, and over http in development.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The browser reads these cookies' expiry by its own clock and the provider dates its tokens by its own: the real
            // time, whatever clock the app's rules run on (the tests' is set in the past).
            o.TimeProvider = TimeProvider.System;
            o.Events.OnAccessDenied = context =>
            {
                context.Response.Redirect($"{ResultPath}?loi={DeniedError}");
                context.HandleResponse();
                return Task.CompletedTask;
            };
            // A wrong or replayed state, a code the provider refuses, a token that does not validate, a provider's error:
            // the Vietnamese page, never a 500. The detail goes to the log, not to the citizen.
            o.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ElectronicIdentitySignIn))
                    .LogWarning(context.Failure, "Sign-in with the national e-ID failed at the callback");
                context.Response.Redirect($"{ResultPath}?loi={InvalidError}");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        }
    }
}
