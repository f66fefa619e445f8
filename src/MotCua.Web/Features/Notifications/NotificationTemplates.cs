using System.Globalization;
using System.Text;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Notifications;

/// <summary>What a message about one dossier event needs to say, taken when the event is saved.</summary>
/// <param name="Trigger">The history entry's kind: a <see cref="DossierAction"/> name, or <c>Apologize</c>.</param>
/// <param name="Status">The status the event led to.</param>
/// <param name="DueAtUtc">The due date after the event (for an apology, the new date).</param>
/// <param name="PreviousDueAtUtc">For an apology, the date that was missed.</param>
/// <param name="Reason">The event's reason: refusal, supplement, financial obligation, stop, withdrawal, delay.</param>
/// <param name="HasAccount">The dossier is a portal account's (the applicant rates it there); otherwise the applicant is
/// sent a rating link of its own with the return (<c>Features/Ratings/SendRatingLink</c>).</param>
public sealed record NotificationFacts(
    string Trigger,
    DossierStatus Status,
    string DossierCode,
    string LookupCode,
    string Summary,
    string ApplicantName,
    ApplicantKind ApplicantKind,
    DateTime? DueAtUtc,
    DateTime? PreviousDueAtUtc,
    string? Reason,
    IReadOnlyList<string> MissingItems,
    string? UnitName,
    bool HasAccount = false);

public sealed record RenderedNotification(string EmailSubject, string EmailBody, string Sms);

/// <summary>The Vietnamese texts of the notifications: an e-mail with everything the applicant needs to act, and a
/// short SMS that fits one message when sent without diacritics (the usual way for brandname SMS).</summary>
public static class NotificationTemplates
{
    public const string ApologizeTrigger = "Apologize";

    /// <summary>Status changes and the apology letter are told to the applicant; internal steps (assignment,
    /// drafts, coordination) are not.</summary>
    public static bool IsNotified(DossierEvent e) => e.FromStatus != e.ToStatus || e.Kind == DossierEventKind.Apologize;

    private sealed record Wording(string Headline, string EmailSentence, string SmsSentence, string? ReasonLabel, bool ShowsDue);

    private static Wording For(NotificationFacts f, string you)
    {
        var code = f.DossierCode;
        var atDesk = "chi tiết xem tại Bộ phận Một cửa hoặc trang tra cứu";
        return f.Trigger switch
        {
            nameof(DossierAction.Submit) => new("Đã nộp trực tuyến, chờ tiếp nhận",
                $"Hồ sơ của {you} đã được nộp trực tuyến thành công và đang chờ cán bộ kiểm tra, tiếp nhận.",
                $"Hồ sơ {code} đã nộp trực tuyến, đang chờ tiếp nhận.", null, false),
            nameof(DossierAction.Receive) => new("Đã được tiếp nhận",
                $"Hồ sơ của {you} đã được tiếp nhận và đang được giải quyết theo quy định.",
                $"Hồ sơ {code} đã được tiếp nhận, hẹn trả {{due}}.", null, true),
            nameof(DossierAction.Refuse) => new("Không được tiếp nhận",
                $"Hồ sơ của {you} không được tiếp nhận giải quyết.",
                $"Hồ sơ {code} không được tiếp nhận; {atDesk}.", "Lý do", false),
            nameof(DossierAction.RequestSupplement) => new("Cần bổ sung, hoàn thiện hồ sơ",
                $"Hồ sơ của {you} cần được bổ sung, hoàn thiện theo hướng dẫn dưới đây. Thời gian bổ sung không tính vào thời hạn giải quyết.",
                $"Hồ sơ {code} cần bổ sung giấy tờ; {atDesk}.", "Lý do", false),
            nameof(DossierAction.AnswerSupplement) => new("Đã nhận hồ sơ bổ sung",
                $"Cơ quan giải quyết đã nhận phần bổ sung hồ sơ của {you}; hồ sơ tiếp tục được giải quyết.",
                $"Hồ sơ {code} đã nhận phần bổ sung, tiếp tục giải quyết{{, hẹn trả due}}.", null, true),
            nameof(DossierAction.StartProcessing) => new("Đang xử lý",
                $"Hồ sơ của {you} đã được chuyển đến bộ phận chuyên môn và đang được xử lý.",
                $"Hồ sơ {code} đang được xử lý, hẹn trả {{due}}.", null, true),
            nameof(DossierAction.RequestFinancialObligation) => new("Cần thực hiện nghĩa vụ tài chính",
                $"Để tiếp tục giải quyết hồ sơ, {you} cần thực hiện nghĩa vụ tài chính theo nội dung dưới đây.",
                $"Hồ sơ {code} cần thực hiện nghĩa vụ tài chính; {atDesk}.", "Nội dung", false),
            nameof(DossierAction.FulfilFinancialObligation) => new("Đã hoàn thành nghĩa vụ tài chính",
                $"{Capitalized(you)} đã hoàn thành nghĩa vụ tài chính; hồ sơ tiếp tục được xử lý.",
                $"Hồ sơ {code} đã hoàn thành nghĩa vụ tài chính, tiếp tục xử lý, hẹn trả {{due}}.", null, true),
            nameof(DossierAction.Decide) => new("Đã có kết quả",
                $"Hồ sơ của {you} đã được giải quyết xong. Mời {you} nhận kết quả theo hình thức đã đăng ký.",
                $"Hồ sơ {code} đã có kết quả, mời nhận theo hình thức đã đăng ký.", null, false),
            nameof(DossierAction.ReturnResult) => new("Đã trả kết quả",
                // The lookup page does not rate: an account rates from "my dossiers", anyone else through the link sent
                // beside this notice (or on the desk's screen when the result is taken there).
                $"Kết quả giải quyết hồ sơ đã được trả cho {you}. Cảm ơn {you} đã sử dụng dịch vụ; " + (f.HasAccount
                    ? $"mời {you} đánh giá mức độ hài lòng tại mục \"Hồ sơ của tôi\" trên Cổng dịch vụ công."
                    : $"mời {you} đánh giá mức độ hài lòng theo đường dẫn được gửi kèm trong thư, tin nhắn riêng."),
                $"Hồ sơ {code} đã được trả kết quả. Trân trọng cảm ơn.", null, false),
            nameof(DossierAction.Withdraw) => new("Đã rút hồ sơ",
                $"Hồ sơ của {you} đã được rút theo đề nghị.",
                $"Hồ sơ {code} đã được rút theo đề nghị.", "Lý do", false),
            nameof(DossierAction.Stop) => new("Dừng xử lý",
                $"Hồ sơ của {you} đã dừng giải quyết.",
                $"Hồ sơ {code} đã dừng xử lý; {atDesk}.", "Lý do", false),
            ApologizeTrigger => new("Thư xin lỗi và hẹn lại ngày trả kết quả",
                $"Cơ quan giải quyết chân thành xin lỗi {you} vì hồ sơ chưa được giải quyết đúng hẹn"
                + (f.PreviousDueAtUtc is { } missed ? $" ({VietnamTime.Format(missed)})" : "") + " và xin hẹn lại ngày trả kết quả.",
                $"Xin lỗi {you}: hồ sơ {code} chậm giải quyết, hẹn trả lại {{due}}.", "Lý do chậm trễ", true),
            _ => new(f.Status.DisplayName(),
                $"Hồ sơ của {you} đã chuyển sang trạng thái \"{f.Status.DisplayName()}\".",
                $"Hồ sơ {code}: {f.Status.DisplayName()}.", "Lý do", f.Status is DossierStatus.Received or DossierStatus.InProgress),
        };
    }

    public static RenderedNotification Render(NotificationFacts f, NotificationOptions options)
    {
        var person = f.ApplicantKind == ApplicantKind.Person;
        var you = person ? "Ông/Bà" : "Quý cơ quan, tổ chức";
        var w = For(f, you);
        var due = w.ShowsDue && f.DueAtUtc is { } d ? VietnamTime.Format(d) : null;

        var subject = $"Hồ sơ {f.DossierCode}: {w.Headline}";

        var body = new StringBuilder();
        body.Append(person ? $"Kính gửi Ông/Bà {f.ApplicantName}," : $"Kính gửi: {f.ApplicantName},").Append('\n').Append('\n');
        body.Append(w.EmailSentence).Append('\n').Append('\n');
        body.Append("Mã hồ sơ: ").Append(f.DossierCode).Append('\n');
        body.Append("Nội dung: ").Append(f.Summary).Append('\n');
        body.Append("Trạng thái: ").Append(f.Status.DisplayName()).Append('\n');
        if (due is not null)
            body.Append(f.Trigger == ApologizeTrigger ? "Ngày hẹn trả kết quả mới: " : "Ngày hẹn trả kết quả: ").Append(due).Append('\n');
        if (w.ReasonLabel is not null && !string.IsNullOrWhiteSpace(f.Reason))
            body.Append(w.ReasonLabel).Append(": ").Append(f.Reason).Append('\n');
        if (f.Trigger == nameof(DossierAction.RequestSupplement) && f.MissingItems.Count > 0)
        {
            body.Append("Giấy tờ, nội dung cần bổ sung:\n");
            foreach (var item in f.MissingItems) body.Append("  - ").Append(item).Append('\n');
        }
        body.Append('\n');
        body.Append(options.LookupUrl is { IsAbsoluteUri: true } url
            ? $"Theo dõi hồ sơ tại {url} với mã hồ sơ {f.DossierCode} và mã tra cứu {f.LookupCode}."
            : $"Theo dõi hồ sơ trên trang tra cứu hoặc tại Bộ phận Một cửa với mã hồ sơ {f.DossierCode} và mã tra cứu {f.LookupCode}.");
        body.Append('\n').Append('\n');
        body.Append("Trân trọng,\n").Append(f.UnitName ?? options.SenderName).Append('\n').Append('\n');
        body.Append(CultureInfo.InvariantCulture, $"Thư này được gửi tự động từ {options.SenderName}; vui lòng không trả lời thư này.");

        return new RenderedNotification(subject, body.ToString(), Sms(w.SmsSentence, due, f.LookupCode, options));
    }

    /// <summary>The SMS, with the lookup address if it still fits one message, else the lookup code alone.</summary>
    private static string Sms(string sentence, string? due, string lookupCode, NotificationOptions options)
    {
        // "{, hẹn trả due}" is an optional clause: there when a due date is known.
        var core = sentence
            .Replace("{, hẹn trả due}", due is null ? "" : ", hẹn trả " + due, StringComparison.Ordinal)
            .Replace("{due}", due ?? "theo giấy hẹn", StringComparison.Ordinal);
        var shortHint = $" Mã tra cứu: {lookupCode}.";
        var candidates = new List<string>();
        if (options.LookupUrl is { IsAbsoluteUri: true } url)
            candidates.Add($"{core} Tra cứu tại {ShortUrl(url)} mã {lookupCode}.");
        candidates.Add(core + shortHint);
        var texts = candidates.Select(t => options.Sms.Unaccented ? SmsText.Unaccent(t) : t).ToList();
        return texts.FirstOrDefault(t => SmsText.Segments(t) == 1) ?? texts[^1];
    }

    /// <summary>Phones open the address without its scheme; every character counts in an SMS.</summary>
    private static string ShortUrl(Uri url) =>
        url.GetComponents(UriComponents.Host | UriComponents.Port | UriComponents.PathAndQuery, UriFormat.Unescaped).TrimEnd('/');

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
