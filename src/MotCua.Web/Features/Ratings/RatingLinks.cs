using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Ratings;

/// <summary>The rating link sent with the return to an applicant who has no account (received at the desk or by post):
/// an encrypted and signed token naming only the dossier, valid for <see cref="RatingOptions.LinkLifetime"/>, as the
/// payment link is. It cannot be guessed or altered, and it names one dossier, so it cannot rate another.</summary>
public sealed class RatingLinks(IDataProtectionProvider protection, IOptionsMonitor<RatingOptions> options, TimeProvider clock)
{
    public const string PagePath = "/danh-gia";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("MotCua.Ratings.Link.v1").ToTimeLimitedDataProtector();

    public string Create(Guid dossierId) =>
        ExpiringIdToken.Create(Protector, dossierId, clock.GetUtcNow() + options.CurrentValue.LinkLifetime);

    public string PathFor(Guid dossierId) => $"{PagePath}?t={Uri.EscapeDataString(Create(dossierId))}";

    /// <summary>The dossier the token names; null when it is forged, altered, expired or absurdly long.</summary>
    public Guid? Read(string? token) => ExpiringIdToken.Read(Protector, token, clock.GetUtcNow());

    public static NotFoundException Invalid() =>
        new("Đường dẫn đánh giá không hợp lệ hoặc đã hết hạn. Vui lòng kiểm tra lại đường dẫn trong tin nhắn, hoặc đánh giá tại Bộ phận Một cửa.");
}
