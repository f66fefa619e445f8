using MotCua.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace MotCua.Web.Features.Identity;

/// <summary>Sign-in for kiosks and integrations: Identity's bearer token scheme, as its API endpoints issue it.</summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest([Text(InputLimits.Reference)] string UserName, [Text(InputLimits.Reference)] string Password);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", LoginAsync)
            .WithTags("Identity")
            .WithSummary("Cán bộ đăng nhập (ki-ốt, hệ thống kết nối) bằng tên đăng nhập và mật khẩu; trả về access token (Bearer).");
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, SignInManager<AppUser> signIn)
    {
        // This door is for officials; citizens sign in on the portal.
        var official = await signIn.UserManager.FindByNameAsync(request.UserName ?? "") as Official;
        // The bearer handler writes the token response itself when sign-in succeeds.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var outcome = await SignInDoor.PasswordSignInAsync(signIn, request.UserName, official, request.Password);
        if (outcome == SignInDoor.Outcome.SignedIn) return TypedResults.Empty;
        if (outcome == SignInDoor.Outcome.Throttled)
            return TypedResults.Problem(Infrastructure.WebSecurity.TooManyRequests, statusCode: StatusCodes.Status429TooManyRequests, title: "Quá nhiều yêu cầu");
        // The same answer for an unknown name, a wrong password and a locked account.
        return TypedResults.Problem("Tên đăng nhập hoặc mật khẩu không đúng.", statusCode: StatusCodes.Status401Unauthorized, title: "Đăng nhập không thành công");
    }
}
