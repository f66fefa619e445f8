using System.Text.Json;
using System.Text.Json.Serialization;

namespace MotCua.Web.Features.Population;

/// <summary>The sharing service's JSON on the wire (Features/Population/README.md): the client writes the query and reads
/// the answer, the simulator reads the query and writes the answer, with the same types.</summary>
public static class PopulationWire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>maKetQua: "0" found, "1" no such ID number, "2" the details do not match; anything else is the service's
    /// own error (the query is not judged).</summary>
    public const string Found = "0";
    public const string NotFound = "1";
    public const string Mismatch = "2";

    public const string DateFormat = "yyyy-MM-dd";

    public sealed class Query
    {
        [JsonPropertyName("maYeuCau")] public string RequestId { get; set; } = "";
        [JsonPropertyName("soDinhDanh")] public string IdNumber { get; set; } = "";
        [JsonPropertyName("hoVaTen")] public string FullName { get; set; } = "";
        [JsonPropertyName("ngaySinh")] public string BirthDate { get; set; } = "";
        [JsonPropertyName("nguoiKhaiThac")] public string Requester { get; set; } = "";
        [JsonPropertyName("donViKhaiThac")] public string RequestingUnit { get; set; } = "";
        [JsonPropertyName("mucDich")] public string Purpose { get; set; } = "";
    }

    public sealed class Answer
    {
        [JsonPropertyName("maYeuCau")] public string? RequestId { get; set; }
        [JsonPropertyName("maKetQua")] public string? Code { get; set; }
        [JsonPropertyName("moTa")] public string? Message { get; set; }
        [JsonPropertyName("congDan")] public Citizen? Person { get; set; }
    }

    public sealed class Citizen
    {
        [JsonPropertyName("soDinhDanh")] public string? IdNumber { get; set; }
        [JsonPropertyName("hoVaTen")] public string? FullName { get; set; }
        [JsonPropertyName("ngaySinh")] public string? BirthDate { get; set; }
        /// <summary>"1" male, "2" female.</summary>
        [JsonPropertyName("gioiTinh")] public string? Sex { get; set; }
        [JsonPropertyName("noiThuongTru")] public string? PermanentResidence { get; set; }
        [JsonPropertyName("noiOHienTai")] public string? CurrentResidence { get; set; }
        [JsonPropertyName("hoGiaDinh")] public Family? Household { get; set; }
    }

    public sealed class Family
    {
        [JsonPropertyName("soHoKhau")] public string? HouseholdId { get; set; }
        [JsonPropertyName("chuHo")] public Member? Head { get; set; }
        [JsonPropertyName("thanhVien")] public List<Member>? Members { get; set; }
    }

    public sealed class Member
    {
        [JsonPropertyName("soDinhDanh")] public string? IdNumber { get; set; }
        [JsonPropertyName("hoVaTen")] public string? FullName { get; set; }
        [JsonPropertyName("quanHeVoiChuHo")] public string? Relation { get; set; }
    }

    public static Citizen From(PersonRecord p) => new()
    {
        IdNumber = p.IdNumber, FullName = p.FullName, BirthDate = p.BirthDate.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture),
        Sex = p.Sex == Population.Sex.Male ? "1" : "2", PermanentResidence = p.PermanentResidence, CurrentResidence = p.CurrentResidence,
        Household = p.Household is not { } h ? null : new Family
        {
            HouseholdId = h.HouseholdId,
            Head = new Member { IdNumber = h.Head.IdNumber, FullName = h.Head.FullName, Relation = h.Head.Relation },
            Members = [.. h.Members.Select(m => new Member { IdNumber = m.IdNumber, FullName = m.FullName, Relation = m.Relation })],
        },
    };

    /// <summary>The person in an answer, or null when a required part is missing or malformed.</summary>
    public static PersonRecord? ToPerson(Citizen? c)
    {
        if (c is null || string.IsNullOrWhiteSpace(c.IdNumber) || string.IsNullOrWhiteSpace(c.FullName) || string.IsNullOrWhiteSpace(c.PermanentResidence)
            || !DateOnly.TryParseExact(c.BirthDate, DateFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var born)
            || c.Sex is not ("1" or "2"))
            return null;
        Household? household = null;
        if (c.Household is { Head: { IdNumber: not null, FullName: not null } head } h)
            household = new Household(h.HouseholdId ?? "", new HouseholdMember(head.IdNumber, head.FullName, head.Relation ?? "Chủ hộ"),
                [.. (h.Members ?? []).Where(m => m.IdNumber is not null && m.FullName is not null).Select(m => new HouseholdMember(m.IdNumber!, m.FullName!, m.Relation ?? ""))]);
        return new PersonRecord(c.IdNumber.Trim(), c.FullName.Trim(), born, c.Sex == "1" ? Population.Sex.Male : Population.Sex.Female,
            c.PermanentResidence.Trim(), string.IsNullOrWhiteSpace(c.CurrentResidence) ? null : c.CurrentResidence.Trim(), household);
    }
}
