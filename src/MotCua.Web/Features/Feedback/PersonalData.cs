using System.Text.RegularExpressions;

namespace MotCua.Web.Features.Feedback;

/// <summary>Removes personal data from a text before it is published: what the item itself knows of its sender
/// (name, phone, e-mail, address, ID number, dossier code) wherever it appears, and anything that looks like an ID
/// number, a phone number or an e-mail address. Masking errs on the side of hiding: a long number in an answer
/// (a decision number) is masked too; the official may retitle the item, not unmask it.</summary>
public static partial class PersonalData
{
    public const string Masked = "***";

    // 9 (old identity card) to 12 (citizen ID) digits; phone numbers with +84 or spaces and dots inside.
    [GeneratedRegex(@"(?<!\w)(\+84|0)(?:[\s.\-]?\d){8,10}(?!\w)")] private static partial Regex Phone();
    [GeneratedRegex(@"(?<!\w)\d{9,12}(?!\w)")] private static partial Regex IdNumber();
    [GeneratedRegex(@"[^@\s<>()""',;:]+@[^@\s<>()""',;:]+\.[^@\s<>()""',;:]+")] private static partial Regex Email();
    [GeneratedRegex(@"^(0|\+84)\d{9}$")] private static partial Regex VietnamesePhone();
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")] private static partial Regex EmailFormat();

    public static bool IsPhone(string phone) => VietnamesePhone().IsMatch(phone);

    public static bool IsEmail(string email) => email.Length <= 200 && EmailFormat().IsMatch(email);

    /// <summary>One form in storage (0xxxxxxxxx), as the dossier's applicant keeps it.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (phone is null) return null;
        var tel = Regex.Replace(phone, @"[\s.\-]", "");
        return tel.StartsWith("+84", StringComparison.Ordinal) ? "0" + tel[3..] : tel;
    }

    public static string Mask(string text, IEnumerable<string?> known)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(known);
        var result = text;
        // The longest first, so that a full name is masked whole before a part of it could be.
        foreach (var value in known.OfType<string>().Select(k => k.Trim()).Where(k => k.Length >= 3).Distinct().OrderByDescending(k => k.Length))
            result = result.Replace(value, Masked, StringComparison.OrdinalIgnoreCase);
        result = Email().Replace(result, Masked);
        result = Phone().Replace(result, Masked);
        return IdNumber().Replace(result, Masked);
    }
}
