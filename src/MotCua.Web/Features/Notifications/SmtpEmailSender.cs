using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace MotCua.Web.Features.Notifications;

/// <summary>Sends plain-text UTF-8 e-mail through the configured SMTP server (<c>Notifications:Smtp</c>).
/// <see cref="SmtpClient"/> is used because MailKit is not available here; it covers what a government mail relay
/// needs (STARTTLS, AUTH, UTF-8 headers) but not TLS from the first byte (port 465), so use 587 or 25.</summary>
public sealed class SmtpEmailSender(IOptionsMonitor<NotificationOptions> options)
{
    /// <param name="id">Becomes the Message-ID, the same on every attempt, so that a message sent twice after a lost
    /// reply is recognisable as one.</param>
    /// <returns>The Message-ID sent.</returns>
    public async Task<string> SendAsync(string to, string subject, string body, Guid id, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var smtp = o.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host) || string.IsNullOrWhiteSpace(smtp.From))
            throw new InvalidOperationException("Notifications:Smtp:Host and Notifications:Smtp:From must be configured to send e-mail.");

        var from = new MailAddress(smtp.From, o.SenderName, Encoding.UTF8);
        var messageId = $"<{id:N}@{from.Host}>";
        using var message = new MailMessage
        {
            From = from,
            Subject = subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            // Text/plain lines end in CRLF on the wire; base64 keeps the Vietnamese letters intact through any relay.
            Body = body.ReplaceLineEndings("\r\n"),
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(to));
        message.Headers.Add("Message-ID", messageId);

        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = smtp.StartTls,
            UseDefaultCredentials = false,
            Credentials = string.IsNullOrEmpty(smtp.UserName) ? null : new NetworkCredential(smtp.UserName, smtp.Password),
        };
        try
        {
            await client.SendMailAsync(message, ct);
        }
        catch (SmtpFailedRecipientException e) when (e.StatusCode is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.MailboxNameNotAllowed or SmtpStatusCode.UserNotLocalTryAlternatePath)
        {
            // 550/553/551: the address itself is refused; trying again cannot help.
            throw new Infrastructure.Jobs.JobPermanentFailureException($"The mail server refused the recipient {to}: {e.Message}", e);
        }
        return messageId;
    }
}
