using System.Globalization;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>The QR code printed on the chip ID card (CCCD gắn chip, thẻ căn cước): a desk scanner types its text into the
/// ID number box like a keyboard. The text is seven fields separated by "|":
/// <c>ID number|old ID number|full name|birth date ddMMyyyy|sex|address|issue date ddMMyyyy</c>
/// (the old 9-digit number may be empty). It is read from the card the citizen hands over, so it is the card's data,
/// not a check of it: the QR is not signed (the chip is), so a scan does not mark the identity as verified.</summary>
public static class ChipIdQr
{
    public sealed record Card(string IdNumber, string? OldIdNumber, string FullName, DateOnly? BirthDate, string? Sex, string? Address, DateOnly? IssuedOn);

    /// <summary>The card's data, or null when the text is not a chip ID card's QR (a typed ID number, say).</summary>
    public static Card? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Contains('|', StringComparison.Ordinal)) return null;
        // Scanners in keyboard mode may add a line break or a trailing "|"; anything else of another shape is not the card.
        var parts = text.Trim().TrimEnd('|').Split('|');
        if (parts.Length is < 6 or > 7) return null;
        var id = parts[0].Trim();
        if (id.Length != 12 || !id.All(char.IsAsciiDigit)) return null;
        var name = Text.NormalizeOrNull(parts[2]);
        if (name is null) return null;
        return new Card(id, Text.NormalizeOrNull(parts[1]), name, Date(parts[3]), Text.NormalizeOrNull(parts[4]),
            Text.NormalizeOrNull(parts[5]), parts.Length > 6 ? Date(parts[6]) : null);
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text.Trim(), "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
