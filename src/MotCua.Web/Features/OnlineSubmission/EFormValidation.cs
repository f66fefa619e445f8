using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>The e-form (tờ khai điện tử) of a procedure version, checked on the server field by field. A draft keeps
/// what was typed, as typed; the dossier gets the checked values in one form (dates yyyy-MM-dd, phones 0xxxxxxxxx,
/// ticks as true/false), which is how the office reads them back.</summary>
public static partial class EFormValidation
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"];

    /// <param name="Errors">Field key → a Vietnamese sentence naming the field and what is wrong.</param>
    /// <param name="Values">Field key → the checked value (a string, or a bool for a tick box); empty optional fields are left out.</param>
    public sealed record Result(IReadOnlyDictionary<string, string> Errors, IReadOnlyDictionary<string, object> Values)
    {
        public bool IsValid => Errors.Count == 0;

        public string ToJson() => JsonSerializer.Serialize(Values, Json);
    }

    // Every number on the catalog's e-forms is a count or a year: a whole number, never negative; a larger one is
    // a typing mistake (and would overflow the fee arithmetic that reads copies and pages).
    [GeneratedRegex(@"^\d{1,7}$")] private static partial Regex NumberFormat();
    public const int MaxNumber = 1_000_000;
    [GeneratedRegex(@"^\d{12}$")] private static partial Regex PersonalId();
    [GeneratedRegex(@"^0\d{9}$")] private static partial Regex VietnamesePhone();
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")] private static partial Regex EmailFormat();

    /// <param name="today">The Vietnam date the form is checked on: a date is also checked by its meaning
    /// (<see cref="MeaningOf"/>) when it is given.</param>
    public static Result Validate(IReadOnlyList<EFormField> fields, IReadOnlyDictionary<string, string> entered, DateOnly? today = null)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var raw = Infrastructure.Text.NormalizeOrNull(entered.GetValueOrDefault(field.Key)) ?? "";
            if (Infrastructure.InputLimits.HasControlCharacters(raw))
            {
                errors[field.Key] = $"{field.Label}: có ký tự điều khiển không hợp lệ.";
                continue;
            }
            if (raw.Length > Infrastructure.InputLimits.Reason && field.MaxLength is null)
            {
                errors[field.Key] = $"{field.Label}: tối đa {Infrastructure.InputLimits.Reason} ký tự (đang có {raw.Length}).";
                continue;
            }
            if (field.Type == EFormFieldType.Checkbox)
            {
                var ticked = IsTicked(raw);
                if (field.Required && !ticked) errors[field.Key] = $"{field.Label}: cần đánh dấu ô này.";
                values[field.Key] = ticked;
                continue;
            }
            if (raw.Length == 0)
            {
                if (field.Required) errors[field.Key] = $"{field.Label}: {(field.Type == EFormFieldType.Select ? "chưa chọn" : "chưa nhập")}.";
                continue;
            }
            if (field.MaxLength is { } max && raw.Length > max)
            {
                errors[field.Key] = $"{field.Label}: tối đa {max} ký tự (đang có {raw.Length}).";
                continue;
            }
            var (value, problem) = Check(field, raw);
            if (problem is null && field.Pattern is { Length: > 0 } pattern && !Matches(value, pattern))
                problem = "không đúng định dạng yêu cầu";
            if (problem is null && today is { } day && field.Type == EFormFieldType.Date) problem = MeaningProblem(field, value, day);
            if (problem is null) values[field.Key] = value;
            else errors[field.Key] = $"{field.Label}: {problem}.";
        }
        if (today is not null) CheckPeriods(fields, values, errors);
        return new Result(errors, values);
    }

    /// <summary>What a date of the form stands for, read from its key as the catalog names them: a birth, a death, a
    /// paper's issue or certification or an earlier registration has happened; an appointment is yet to come. Any
    /// other date (a move, the start of a stay) may be either.</summary>
    public enum DateMeaning { Any, Past, Future }

    public static DateMeaning MeaningOf(EFormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var key = field.Key;
        bool Has(string part) => key.Contains(part, StringComparison.OrdinalIgnoreCase);
        if (Has("DateOfBirth") || Has("DateOfDeath") || key.EndsWith("IssuedOn", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("CertifiedOn", StringComparison.OrdinalIgnoreCase) || Has("registrationDate"))
            return DateMeaning.Past;
        return Has("appointment") ? DateMeaning.Future : DateMeaning.Any;
    }

    private static string? MeaningProblem(EFormField field, string value, DateOnly today)
    {
        var date = DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var shown = today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        return MeaningOf(field) switch
        {
            DateMeaning.Past when date > today => $"không được sau ngày hôm nay ({shown}) — ngày này đã phải xảy ra",
            DateMeaning.Future when date < today => $"không được trước ngày hôm nay ({shown})",
            _ => null,
        };
    }

    /// <summary>A period typed as two dates ("…From" and "…To", e.g. stayFrom/stayTo) ends on or after its start.</summary>
    private static void CheckPeriods(IReadOnlyList<EFormField> fields, Dictionary<string, object> values, Dictionary<string, string> errors)
    {
        foreach (var end in fields.Where(f => f.Type == EFormFieldType.Date && f.Key.EndsWith("To", StringComparison.Ordinal)))
        {
            var start = fields.FirstOrDefault(f => f.Type == EFormFieldType.Date && f.Key == end.Key[..^2] + "From");
            if (start is null || values.GetValueOrDefault(start.Key) is not string from || values.GetValueOrDefault(end.Key) is not string to) continue;
            if (string.CompareOrdinal(to, from) >= 0) continue;
            values.Remove(end.Key);
            errors[end.Key] = $"{end.Label}: không được trước \"{start.Label}\".";
        }
    }

    /// <summary>The checked value in its stored form, or what is wrong with the text.</summary>
    private static (string Value, string? Problem) Check(EFormField field, string raw)
    {
        switch (field.Type)
        {
            case EFormFieldType.Number:
                return NumberFormat().IsMatch(raw) && int.Parse(raw, CultureInfo.InvariantCulture) is var n && n <= MaxNumber
                    ? (n.ToString(CultureInfo.InvariantCulture), null)
                    : (raw, $"phải là một số nguyên từ 0 đến {MaxNumber} (ví dụ: 2)");
            case EFormFieldType.Date:
                return ParseDate(raw) is { } date
                    ? (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
                    : (raw, "ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2026");
            case EFormFieldType.Select:
                return field.Options?.Contains(raw, StringComparer.Ordinal) == true ? (raw, null) : (raw, "hãy chọn một giá trị trong danh sách");
            case EFormFieldType.PersonalIdNumber:
                return PersonalId().IsMatch(raw) ? (raw, null) : (raw, "số định danh cá nhân phải gồm đúng 12 chữ số");
            case EFormFieldType.Phone:
                var phone = CitizenAccounts.NormalizePhone(raw);
                return VietnamesePhone().IsMatch(phone) ? (phone, null) : (raw, "số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)");
            case EFormFieldType.Email:
                return EmailFormat().IsMatch(raw) ? (raw, null) : (raw, "địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn)");
            default:
                return (raw, null);
        }
    }

    /// <summary>A date as the browser's date picker sends it (yyyy-MM-dd) or as typed where there is none (dd/MM/yyyy).
    /// Years outside 1900–2100 are typing mistakes on these forms.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 2100
            ? date
            : null;

    public static bool IsTicked(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "on", StringComparison.OrdinalIgnoreCase);

    private static bool Matches(string value, string pattern)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // A pattern the catalog could not compile is the publisher's mistake: the citizen is not blocked by it.
            return true;
        }
    }

    /// <summary>What a draft holds: field key → the text as typed (a ticked box as "true").</summary>
    public static Dictionary<string, string> ReadEntered(string? json)
    {
        var entered = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return entered;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return entered;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                entered[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString() ?? "",
                    JsonValueKind.True => "true",
                    JsonValueKind.False or JsonValueKind.Null => "",
                    _ => property.Value.GetRawText(),
                };
            }
        }
        catch (JsonException)
        {
            // Only this code writes drafts; an unreadable one starts the e-form afresh rather than failing the page.
        }
        return entered;
    }

    public static string WriteEntered(IReadOnlyDictionary<string, string> entered) => JsonSerializer.Serialize(entered, Json);
}
