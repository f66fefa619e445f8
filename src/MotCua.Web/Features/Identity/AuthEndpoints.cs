using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace MotCua.Web.Features.Identity;

/// <summary>Sign-in for kiosks and integrations: Identity's bearer token scheme, as its API endpoints issue it.</summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest([Required] string UserName, [Required] string Password);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", Login)
            .WithTags("Identity")
            .WithSummary("Đăng nhập bằng tên đăng nhập và mật khẩu; trả về access token (Bearer) và refresh token.");
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(LoginRequest request, SignInManager<AppUser> signIn)
    {
        // The bearer handler writes the token response itself when sign-in succeeds.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Empty;
        var detail = result.IsLockedOut
            ? "Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau."
            : "Tên đăng nhập hoặc mật khẩu không đúng.";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Đăng nhập không thành công");
    }
}
