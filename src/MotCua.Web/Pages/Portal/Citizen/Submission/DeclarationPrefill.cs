using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Pages.Portal.Citizen.Submission;

/// <summary>The declaration (e-form) filled with what the system already knows, so that the citizen does not type it
/// again: the requester's own details from the account, the father or mother when the requester says they are the
/// one, and the other parent or the spouse from the citizen's earlier dossiers. Every value stays editable and says
/// where it came from. The catalog's e-forms name these fields the same way in every procedure (requesterFullName,
/// fatherPersonalId…), which is what the fill goes by.</summary>
public static class DeclarationPrefill
{
    public const string FromAccount = "Lấy từ tài khoản — có thể sửa";
    public const string FromEarlierDossier = "Lấy từ hồ sơ đã nộp trước đây — có thể sửa";
    public const string FromPopulationDatabase = "Lấy từ Cơ sở dữ liệu quốc gia về dân cư — có thể sửa";

    public sealed record Person(string Name, string? IdNumber);

    /// <param name="Father">The father of the requester's children, as an earlier dossier gave him.</param>
    /// <param name="FromPopulationData">The name, ID number and address are the population database's (the citizen's own
    /// record confirmed for the draft), not only the account's.</param>
    public sealed record Known(string? Name, string? IdNumber, string? Phone, string? Email, string? Address,
        Person? Father = null, Person? Mother = null, Person? Spouse = null, bool FromPopulationData = false,
        bool AddressFromPopulationData = false);

    /// <param name="Sources">Field key → where its pre-filled value came from.</param>
    public sealed record Result(IReadOnlyDictionary<string, string> Entered, IReadOnlyDictionary<string, string> Sources);

    public static Result Fill(IReadOnlyList<EFormField> fields, IReadOnlyDictionary<string, string> entered, Known known)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(known);
        var keys = fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(entered, StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);

        // A field the citizen has saved, even empty, is theirs: only fields never saved are filled.
        void Offer(string key, string? value, string source)
        {
            if (!keys.Contains(key) || string.IsNullOrWhiteSpace(value) || values.ContainsKey(key)) return;
            values[key] = value;
            sources[key] = source;
        }

        // ... except a parent the requester has just said they are: the answer to "Quan hệ" fills it when empty.
        void Relation(string key, string? value, string source)
        {
            if (!keys.Contains(key) || string.IsNullOrWhiteSpace(value) || values.GetValueOrDefault(key) is { Length: > 0 }) return;
            values[key] = value;
            sources[key] = source;
        }

        var identitySource = known.FromPopulationData ? FromPopulationDatabase : FromAccount;
        foreach (var prefix in new[] { "requester", "applicant" })
        {
            Offer(prefix + "FullName", known.Name, identitySource);
            Offer(prefix + "PersonalId", known.IdNumber, identitySource);
            Offer(prefix + "Phone", known.Phone, FromAccount);
            Offer(prefix + "Email", known.Email, FromAccount);
            Offer(prefix + "Address", known.Address, known.AddressFromPopulationData ? FromPopulationDatabase : FromAccount);
        }

        var relationship = values.GetValueOrDefault("requesterRelationship");
        var (self, other) = relationship switch
        {
            "Cha" => ("father", "mother"),
            "Mẹ" => ("mother", "father"),
            _ => ((string?)null, (string?)null),
        };
        if (self is not null)
        {
            Relation(self + "FullName", known.Name, identitySource);
            Relation(self + "PersonalId", known.IdNumber, identitySource);
        }
        // The other parent: the spouse when the requester is a parent, else the parents an earlier dossier gave.
        var otherParent = other switch
        {
            "mother" => known.Spouse ?? known.Mother,
            "father" => known.Spouse ?? known.Father,
            _ => null,
        };
        if (other is not null && otherParent is not null)
        {
            Relation(other + "FullName", otherParent.Name, FromEarlierDossier);
            Relation(other + "PersonalId", otherParent.IdNumber, FromEarlierDossier);
        }
        if (self is null)
        {
            Offer("fatherFullName", known.Father?.Name, FromEarlierDossier);
            Offer("fatherPersonalId", known.Father?.IdNumber, FromEarlierDossier);
            Offer("motherFullName", known.Mother?.Name, FromEarlierDossier);
            Offer("motherPersonalId", known.Mother?.IdNumber, FromEarlierDossier);
        }
        return new Result(values, sources);
    }

    /// <summary>The father, mother and spouse the citizen's earlier e-forms gave (newest first), seen from the citizen
    /// with this ID number.</summary>
    public static (Person? Father, Person? Mother, Person? Spouse) FromEarlier(IEnumerable<IReadOnlyDictionary<string, string>> forms, string? myIdNumber)
    {
        Person? father = null, mother = null, spouse = null;
        static Person? Of(IReadOnlyDictionary<string, string> form, string prefix) =>
            form.GetValueOrDefault(prefix + "FullName") is { Length: > 0 } name ? new Person(name, form.GetValueOrDefault(prefix + "PersonalId")) : null;
        foreach (var form in forms)
        {
            father ??= Of(form, "father");
            mother ??= Of(form, "mother");
            if (spouse is null && myIdNumber is { Length: > 0 })
            {
                if (form.GetValueOrDefault("groomPersonalId") == myIdNumber) spouse = Of(form, "bride");
                else if (form.GetValueOrDefault("bridePersonalId") == myIdNumber) spouse = Of(form, "groom");
            }
            // The requester was one of the parents: the other one is their spouse.
            if (spouse is null && myIdNumber is { Length: > 0 })
            {
                if (form.GetValueOrDefault("fatherPersonalId") == myIdNumber) spouse = Of(form, "mother");
                else if (form.GetValueOrDefault("motherPersonalId") == myIdNumber) spouse = Of(form, "father");
            }
        }
        return (father, mother, spouse);
    }
}
