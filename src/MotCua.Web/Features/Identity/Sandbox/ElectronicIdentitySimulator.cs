using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MotCua.Web.Features.Identity.Sandbox;

/// <summary>A local stand-in for the national e-ID provider (VNeID) for development, the demo and the tests — never
/// registered nor served in Production (<see cref="IdentityModule"/>). An OpenID Connect provider (OpenIddict's server in
/// degraded mode: one client, known from configuration, no tables, ephemeral keys) whose sign-in page lets the tester pick
/// one of the demo people or type an ID number and a name, as the VNeID app would confirm the person; it then issues an
/// authorization code for an ID token carrying the personal ID number, full name, date of birth and phone under the claim
/// names the app is configured to read (docs/adr/0033b-national-e-identity-sign-in.md).</summary>
public static class ElectronicIdentitySimulator
{
    public const string Root = "/sandbox/vneid";
    public const string AuthorizePath = Root + "/connect/authorize";
    public const string TokenPath = Root + "/connect/token";

    /// <summary>The client secret when ElectronicIdentity:ClientSecret is empty and the app talks to this simulator.</summary>
    public const string SandboxSecret = "SANDBOX-VNEID-SECRET-NOT-FOR-PRODUCTION";

    /// <summary>A person the simulated provider knows.</summary>
    public sealed record Person(string IdNumber, string FullName, DateOnly BirthDate, string Phone);

    /// <summary>The demo people: the first is the demo data's citizen (Nguyễn Văn Dân), whose account the e-ID finds.</summary>
    public static readonly IReadOnlyList<Person> DemoPeople =
    [
        new("075095001234", "Nguyễn Văn Dân", new DateOnly(1995, 3, 12), "0912345678"),
        new("079190000123", "Trần Thị Bình", new DateOnly(1990, 7, 2), "0903111222"),
        new("001085000456", "Lê Văn Cường", new DateOnly(1985, 11, 20), "0988777666"),
    ];

    /// <summary>The provider's stable identifier of the person (the ID token's sub): opaque at VNeID, derived here from the
    /// ID number, so the same person signs in as the same subject every time.</summary>
    public static string SubjectOf(string idNumber) =>
        "sim-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("vneid-sim|" + idNumber)))[..24];

    public static void AddServer(IServiceCollection services)
    {
        services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris(AuthorizePath[1..])
                .SetTokenEndpointUris(TokenPath[1..])
                .SetConfigurationEndpointUris(Root[1..] + "/.well-known/openid-configuration")
                .SetJsonWebKeySetEndpointUris(Root[1..] + "/.well-known/jwks");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            // No database: the one client is checked by the handlers below, codes are self-contained (and so could be
            // replayed until they expire — a simulator's limit, not the real provider's).
            o.EnableDegradedMode();
            o.DisableTokenStorage();
            o.DisableAuthorizationStorage();
            o.DisableScopeValidation();
            o.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
            o.DisableAccessTokenEncryption();
            o.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(5));
            // A provider dates its tokens by the real clock, whatever clock the app's rules run on (the tests' is in the past).
            o.Configure(options => options.TimeProvider = TimeProvider.System);
            o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                // Development and tests run on http; the real provider is https.
                .DisableTransportSecurityRequirement();

            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                var options = context.Transaction.GetHttpRequest()!.HttpContext.RequestServices.GetRequiredService<IOptions<ElectronicIdentityOptions>>().Value;
                if (!string.Equals(context.ClientId, options.ClientId, StringComparison.Ordinal))
                    context.Reject(Errors.InvalidClient, "Ứng dụng (client_id) không được đăng ký với hệ thống định danh mô phỏng.");
                // The one client's callback, on whatever address the app runs.
                else if (!Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var back) || back.AbsolutePath != ElectronicIdentityOptions.CallbackPath)
                    context.Reject(Errors.InvalidRequest, "Địa chỉ quay về (redirect_uri) không được đăng ký.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                var options = context.Transaction.GetHttpRequest()!.HttpContext.RequestServices.GetRequiredService<IOptions<ElectronicIdentityOptions>>().Value;
                var secret = options.ClientSecret.Length > 0 ? options.ClientSecret : SandboxSecret;
                if (!string.Equals(context.Request.ClientId, options.ClientId, StringComparison.Ordinal)
                    || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.ClientSecret ?? ""), Encoding.UTF8.GetBytes(secret)))
                    context.Reject(Errors.InvalidClient, "Sai thông tin xác thực của ứng dụng.");
                return default;
            }));
        });
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Root).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        group.MapGet("/", () => Results.Content(Page("VNeID (mô phỏng)", "<p>Hệ thống định danh điện tử mô phỏng cho môi trường phát triển và kiểm thử. "
            + "Đăng nhập bằng VNeID từ trang Đăng nhập của Cổng để dùng.</p>"), "text/html; charset=utf-8", Encoding.UTF8));
        group.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        group.MapPost("/connect/token", (Delegate)TokenAsync);
    }

    /// <summary>GET: the confirmation page. POST: the tester's choice — a demo person, a typed person, or a refusal.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, IOptions<ElectronicIdentityOptions> options)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!HttpMethods.IsPost(context.Request.Method)) return ConfirmPage(request, null);

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var choice = form["sim_choice"].ToString();
        if (choice == "deny")
            return Results.Forbid(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        Person person;
        if (int.TryParse(choice, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < DemoPeople.Count)
            person = DemoPeople[index];
        else
        {
            var idNumber = form["sim_id"].ToString().Trim();
            var name = form["sim_name"].ToString().Trim();
            if (idNumber.Length != 12 || !idNumber.All(char.IsAsciiDigit) || name.Length is 0 or > 100)
                return ConfirmPage(request, "Nhập số định danh cá nhân gồm đúng 12 chữ số và họ, tên.");
            var birth = DateOnly.TryParseExact(form["sim_birth"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) ? b : new DateOnly(1990, 1, 1);
            person = new Person(idNumber, name, birth, form["sim_phone"].ToString().Trim());
        }

        var claims = options.Value;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, SubjectOf(person.IdNumber));
        identity.SetClaim(claims.PersonalIdNumberClaim, person.IdNumber);
        identity.SetClaim(claims.FullNameClaim, person.FullName);
        identity.SetClaim(claims.BirthDateClaim, person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (person.Phone.Length > 0) identity.SetClaim(claims.PhoneClaim, person.Phone);
        identity.SetDestinations(_ => [Destinations.IdentityToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The code is exchanged for the identity it was issued for.</summary>
    private static async Task<IResult> TokenAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType())
            return Results.Forbid(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is null)
            return Results.Forbid(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        return Results.SignIn(result.Principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult ConfirmPage(OpenIddictRequest request, string? error)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
            if (!name.StartsWith("sim_", StringComparison.Ordinal))
                hidden.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value.ToString())}\">");
        var html = new StringBuilder();
        html.Append("<p>Ứng dụng <strong>Cổng dịch vụ công của tỉnh</strong> đề nghị xác thực danh tính của bạn bằng tài khoản định danh điện tử. "
            + "Chọn người xác nhận (như khi xác nhận trên ứng dụng VNeID):</p>");
        if (error is not null) html.Append(CultureInfo.InvariantCulture, $"<p role=\"alert\" class=\"problem\">{E(error)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{AuthorizePath}\">{hidden}<ul class=\"people\">");
        for (var i = 0; i < DemoPeople.Count; i++)
        {
            var p = DemoPeople[i];
            html.Append(CultureInfo.InvariantCulture,
                $"<li><button type=\"submit\" name=\"sim_choice\" value=\"{i}\">Xác nhận: {E(p.FullName)} — {E(p.IdNumber)}</button></li>");
        }
        html.Append("</ul></form>");
        html.Append("<h2>Người khác</h2><form method=\"post\" action=\"" + AuthorizePath + "\">" + hidden + "<input type=\"hidden\" name=\"sim_choice\" value=\"typed\">"
            + "<p><label for=\"sim_id\">Số định danh cá nhân</label><br><input id=\"sim_id\" name=\"sim_id\" inputmode=\"numeric\" maxlength=\"12\" required></p>"
            + "<p><label for=\"sim_name\">Họ và tên</label><br><input id=\"sim_name\" name=\"sim_name\" maxlength=\"100\" required></p>"
            + "<p><label for=\"sim_birth\">Ngày sinh</label><br><input id=\"sim_birth\" name=\"sim_birth\" type=\"date\"></p>"
            + "<p><label for=\"sim_phone\">Số điện thoại</label><br><input id=\"sim_phone\" name=\"sim_phone\" type=\"tel\" maxlength=\"20\"></p>"
            + "<p><button type=\"submit\">Xác nhận người này</button></p></form>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{AuthorizePath}\">{hidden}<p><button type=\"submit\" name=\"sim_choice\" value=\"deny\">Từ chối</button></p></form>");
        return Results.Content(Page("VNeID (mô phỏng) — Xác thực định danh điện tử", html.ToString()), "text/html; charset=utf-8", Encoding.UTF8,
            error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{E(title)}</title><link rel=\"stylesheet\" href=\"/css/portal.css\"></head><body><main><h1>{E(title)}</h1>"
        + $"<p>Môi trường thử nghiệm: không kết nối hệ thống định danh điện tử thật.</p>{body}</main></body></html>";
}
