namespace MotCua.Web.Features.Dossiers;

/// <summary>What the national population database answered about the applicant, as a dossier takes it: the identity
/// the desk or the portal confirmed, the residence, and that the components the data replaces need no paper
/// (docs/adr/0033c).</summary>
public sealed record PopulationFacts(string IdNumber, string FullName, DateOnly BirthDate, string? Residence);

/// <summary>The desk's lookups in the population database, recorded by the Population feature: a reception that names
/// one gets the person's data, and the dossier is marked verified only through it — never from a posted flag.</summary>
public interface IPopulationVerifications
{
    /// <summary>The facts of a lookup the same official made in this sitting (not expired) for this ID number; a
    /// <see cref="Infrastructure.DomainException"/> in Vietnamese otherwise.</summary>
    Task<PopulationFacts> ConfirmAsync(Guid verificationId, string idNumber, Actor actor, CancellationToken ct);

    /// <summary>A citizen's lookup of their own record for an online draft (their VNeID-verified account's ID number, name
    /// and birth date), recorded and audited as the desk's: the verification's id and facts when the registry confirmed
    /// them, else none and what to tell the citizen.</summary>
    Task<OwnRecord> LookUpOwnAsync(string idNumber, string fullName, DateOnly birthDate, Actor actor, CancellationToken ct);
}

/// <param name="Message">In Vietnamese, for the citizen: confirmed, not found, details differ, or the database unreachable.</param>
public sealed record OwnRecord(Guid? VerificationId, PopulationFacts? Facts, string Message);

public static class PopulationVerificationRules
{
    /// <summary>What an old client that still posts identityVerified=true is told (docs/adr/0033c).</summary>
    public const string PostedFlagRefused =
        "Không nhận trường identityVerified: danh tính chỉ được xác thực qua Cơ sở dữ liệu quốc gia về dân cư. " +
        "Hãy tra cứu (POST /api/population/lookups) rồi gửi mã xác thực nhận được trong trường identityVerification.";
}
