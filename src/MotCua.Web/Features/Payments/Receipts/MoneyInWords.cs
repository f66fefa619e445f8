namespace MotCua.Web.Features.Payments.Receipts;

/// <summary>An amount in đồng written out in Vietnamese words, as a receipt states it next to the figures ("Số tiền
/// bằng chữ"): groups of three read with "trăm", "mươi", "linh", "mốt", "lăm", and "không trăm" for an inner group
/// without hundreds (1.005.000 → "Một triệu không trăm linh năm nghìn đồng").</summary>
public static class MoneyInWords
{
    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

    public static string Of(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (amount == 0) return "Không đồng";
        var text = Read(amount, leading: true);
        return string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..], " đồng");
    }

    private static string Read(long n, bool leading)
    {
        if (n < 1_000_000_000) return BelowBillion(n, leading);
        var rest = n % 1_000_000_000;
        return Read(n / 1_000_000_000, leading) + " tỷ" + (rest > 0 ? " " + BelowBillion(rest, leading: false) : "");
    }

    private static string BelowBillion(long n, bool leading)
    {
        (long Value, string Name)[] groups = [(n / 1_000_000, " triệu"), (n / 1_000 % 1_000, " nghìn"), (n % 1_000, "")];
        var parts = new List<string>(3);
        var first = leading;
        foreach (var (value, name) in groups)
        {
            if (value == 0)
            {
                // A group before the first non-zero one is not read; after it, an empty group is skipped too.
                continue;
            }
            parts.Add(Group((int)value, full: !first) + name);
            first = false;
        }
        return string.Join(' ', parts);
    }

    /// <param name="full">Not the leading group: its hundreds are read even when zero ("không trăm").</param>
    private static string Group(int g, bool full)
    {
        int h = g / 100, t = g / 10 % 10, u = g % 10;
        var words = new List<string>(4);
        if (full || h > 0) words.Add(Digits[h] + " trăm");
        if (t == 0)
        {
            if (u > 0 && words.Count > 0) words.Add("linh");
        }
        else words.Add(t == 1 ? "mười" : Digits[t] + " mươi");
        if (u > 0) words.Add(u == 1 && t >= 2 ? "mốt" : u == 5 && t >= 1 ? "lăm" : Digits[u]);
        return string.Join(' ', words);
    }
}
