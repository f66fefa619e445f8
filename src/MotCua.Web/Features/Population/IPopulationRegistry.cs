namespace MotCua.Web.Features.Population;

/// <summary>The national population database, as this system asks it: one person by personal ID number, with the name and
/// birth date the official (or the citizen) typed, which the service requires to match before it answers.</summary>
public interface IPopulationRegistry
{
    /// <summary>Never throws for the service's own failures: an outage, a timeout, an unreadable answer is
    /// <see cref="PopulationOutcome.Unavailable"/>, so the desk carries on unverified.</summary>
    Task<PopulationAnswer> LookUpAsync(PersonQuery query, CancellationToken ct);
}

/// <summary>A query: who asks (for the service's own log), why, and about whom.</summary>
public sealed record PersonQuery(string RequestId, string IdNumber, string FullName, DateOnly BirthDate, string Requester, string RequestingUnit, string Purpose);

public enum PopulationOutcome
{
    Found,
    NotFound,
    /// <summary>The ID number exists, but the name or the birth date typed is not the registry's.</summary>
    Mismatch,
    /// <summary>The service could not be reached or did not answer properly.</summary>
    Unavailable,
}

public sealed record PopulationAnswer(PopulationOutcome Outcome, string RequestId, PersonRecord? Person = null, string? Message = null);

public enum Sex { Male, Female }

/// <summary>A person as the registry holds them.</summary>
public sealed record PersonRecord(
    string IdNumber, string FullName, DateOnly BirthDate, Sex Sex, string PermanentResidence, string? CurrentResidence, Household? Household)
{
    /// <summary>Where the person lives now: the current residence, else the permanent one.</summary>
    public string Residence => CurrentResidence ?? PermanentResidence;
}

public sealed record Household(string HouseholdId, HouseholdMember Head, IReadOnlyList<HouseholdMember> Members);

/// <summary>A member of the household; <see cref="Relation"/> to the head ("Chủ hộ", "Vợ", "Con"...).</summary>
public sealed record HouseholdMember(string IdNumber, string FullName, string Relation);

public static class PopulationText
{
    public static string SexName(Sex sex) => sex == Sex.Male ? "Nam" : "Nữ";

    public static string Outcome(PopulationOutcome outcome) => outcome switch
    {
        PopulationOutcome.Found => "thông tin khớp",
        PopulationOutcome.NotFound => "không tìm thấy số định danh",
        PopulationOutcome.Mismatch => "họ tên hoặc ngày sinh không khớp",
        _ => "không kết nối được",
    };
}
