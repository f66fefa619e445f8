using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Identity;

/// <summary>The job that e-mails a citizen the link to set a new password. The token is made here, at sending time,
/// so the link's lifetime starts when the citizen can first read it. The job's id is the Message-ID: an attempt
/// that reached the mail server but was not recorded is recognisable as the same message when retried.</summary>
public sealed class SendPasswordResetEmail(
    UserManager<AppUser> users, SmtpEmailSender email, IOptionsMonitor<NotificationOptions> notifications, IOptions<CitizenAccountOptions> options)
    : IJobHandler
{
    public const string Kind = "account.password-reset-email";
    public const string Subject = "Đặt lại mật khẩu tài khoản Dịch vụ công";

    /// <param name="BaseUrl">The portal's address the link starts with, as it was when the citizen asked.</param>
    public sealed record Payload(Guid AccountId, string BaseUrl);

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = job.ReadPayload<Payload>();
        // The account was closed or its e-mail removed since: there is no one to write to, and nothing to retry.
        if (await users.FindByIdAsync(payload.AccountId.ToString()) is not Citizen { Email: { Length: > 0 } to } citizen) return;

        var token = await users.GeneratePasswordResetTokenAsync(citizen);
        var link = Link(new Uri(payload.BaseUrl), citizen.Id, token);
        await email.SendAsync(to, Subject, Body(citizen.FullName, link, options.Value.PasswordResetLinkLifetime, notifications.CurrentValue.SenderName), job.Id, ct);
    }

    /// <summary>The reset page's address for this account and token.</summary>
    public static Uri Link(Uri baseUrl, Guid accountId, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{root}/dat-lai-mat-khau?id={accountId:D}&token={Uri.EscapeDataString(token)}"));
    }

    public static string Body(string fullName, Uri link, TimeSpan lifetime, string sender)
    {
        ArgumentNullException.ThrowIfNull(link);
        return $"""
            Kính gửi {fullName},

            Cổng Dịch vụ công nhận được yêu cầu đặt lại mật khẩu cho tài khoản của ông/bà.
            Để đặt mật khẩu mới, hãy mở đường dẫn dưới đây trong vòng {Duration(lifetime)}:

            {link.AbsoluteUri}

            Đường dẫn chỉ dùng được một lần. Nếu ông/bà không yêu cầu đặt lại mật khẩu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.
            Không chia sẻ đường dẫn này với bất kỳ ai, kể cả người tự xưng là cán bộ.

            {sender}
            (Thư gửi tự động, vui lòng không trả lời.)
            """;
    }

    /// <summary>"2 giờ", "90 phút", "1 ngày".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} ngày")
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} giờ")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalMinutes):0} phút");
}
