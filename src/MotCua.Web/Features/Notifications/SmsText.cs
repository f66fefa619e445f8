using System.Globalization;
using System.Text;

namespace MotCua.Web.Features.Notifications;

/// <summary>SMS length rules (3GPP TS 23.038): text in the GSM 7-bit alphabet fits 160 characters in one message and
/// 153 per part when split; anything else goes as UCS-2, 70 and 67. Vietnamese letters with diacritics are not in the
/// GSM alphabet, which is why brandname messages are usually sent without them.</summary>
public static class SmsText
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /// <summary>Sent as an escape plus a character: each counts twice.</summary>
    private const string Gsm7Extension = "\f^{}\\[~]|€";

    /// <summary>"Hồ sơ đã được tiếp nhận" → "Ho so da duoc tiep nhan"; other characters outside the GSM alphabet are
    /// replaced by their nearest ASCII form, or '?'.</summary>
    public static string Unaccent(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var s = c switch
            {
                'đ' => "d",
                'Đ' => "D",
                '–' or '—' or '‑' => "-",
                '“' or '”' or '„' => "\"",
                '‘' or '’' => "'",
                '…' => "...",
                '\u00A0' or '\t' => " ",
                _ when IsGsm7(c) => c.ToString(),
                _ => "?",
            };
            sb.Append(s);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static bool IsGsm7(string text) => text.All(IsGsm7);

    private static bool IsGsm7(char c) => Gsm7Basic.Contains(c, StringComparison.Ordinal) || Gsm7Extension.Contains(c, StringComparison.Ordinal);

    /// <summary>Characters as the network counts them: GSM extension characters count two; UCS-2 counts UTF-16 units.</summary>
    public static int Length(string text) =>
        IsGsm7(text) ? text.Sum(c => Gsm7Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1) : text.Length;

    /// <summary>How many messages the carrier sends (and charges) for this text.</summary>
    public static int Segments(string text)
    {
        if (text.Length == 0) return 1;
        var gsm = IsGsm7(text);
        var length = Length(text);
        var single = gsm ? 160 : 70;
        var part = gsm ? 153 : 67;
        return length <= single ? 1 : (length + part - 1) / part;
    }

    /// <summary>The most one message holds for this text's alphabet.</summary>
    public static int SingleSegmentLimit(string text) => IsGsm7(text) ? 160 : 70;
}
