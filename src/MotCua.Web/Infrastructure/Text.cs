using System.Globalization;
using System.Text;

namespace MotCua.Web.Infrastructure;

/// <summary>Vietnamese text helpers: stored text is NFC; search keys fold diacritics and case so that
/// "dang ky khai sinh" finds "Đăng ký khai sinh".</summary>
public static class Text
{
    public static string Normalize(string value) => value.Trim().Normalize(NormalizationForm.FormC);

    public static string? NormalizeOrNull(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : Normalize(value);

    /// <summary>Lower case, no diacritics, đ → d, single spaces. Stored beside searchable names so that
    /// the database can match with a plain LIKE on both SQLite and PostgreSQL.</summary>
    public static string SearchKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var folded = c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) };
            if (char.IsWhiteSpace(folded))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(folded);
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }
}
