using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>What the scorecard needs of the catalog, read once per request: the catalog is small (a large city
/// publishes ~2,000 procedures), the dossiers are not. The sets of version ids are passed to the dossier queries as
/// parameters (<c>= ANY(@p)</c> on PostgreSQL, <c>json_each</c> on SQLite).</summary>
public sealed class CatalogFacts
{
    public sealed record ProcedureFacts(Guid Id, string Code, string Name, ProcedureContent? Current, IReadOnlyList<ProcedureContent> Versions);

    private CatalogFacts() { }

    public IReadOnlyList<ProcedureFacts> Procedures { get; private init; } = [];
    public HashSet<Guid> EligibleForFullOnline { get; private init; } = [];
    public HashSet<Guid> PaperResult { get; private init; } = [];
    public HashSet<Guid> WithFees { get; private init; } = [];
    public HashSet<Guid> Certification { get; private init; } = [];

    /// <summary>Each version's legal time, for 2.2's comparison of a procedure's average with what the law gives.</summary>
    public Dictionary<Guid, Calendar.LegalTime> LegalTimes { get; private init; } = [];

    public static async Task<CatalogFacts> LoadAsync(AppDbContext db, IReadOnlyList<string> certificationCodes, CancellationToken ct)
    {
        var procedures = await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.Code, p.Name, p.CurrentVersionId }).ToListAsync(ct);
        var versions = await db.ProcedureVersions.AsNoTracking()
            .Select(v => new { v.Id, v.ProcedureId, v.HasFees, v.EligibleForFullOnline, v.Content }).ToListAsync(ct);
        var byProcedure = versions.ToLookup(v => v.ProcedureId);
        var certification = procedures.Where(p => certificationCodes.Contains(p.Code)).Select(p => p.Id).ToHashSet();
        return new CatalogFacts
        {
            Procedures = [.. procedures.Select(p => new ProcedureFacts(p.Id, p.Code, p.Name,
                byProcedure[p.Id].FirstOrDefault(v => v.Id == p.CurrentVersionId)?.Content, [.. byProcedure[p.Id].Select(v => v.Content)]))],
            EligibleForFullOnline = [.. versions.Where(v => v.EligibleForFullOnline).Select(v => v.Id)],
            PaperResult = [.. versions.Where(v => v.Content.ResultType == ResultType.PaperDocument).Select(v => v.Id)],
            WithFees = [.. versions.Where(v => v.HasFees).Select(v => v.Id)],
            Certification = [.. versions.Where(v => certification.Contains(v.ProcedureId)).Select(v => v.Id)],
            LegalTimes = versions.ToDictionary(v => v.Id, v => v.Content.LegalTime),
        };
    }

    /// <summary>Procedures a unit set is competent for: the current version names one of the kinds of its
    /// administrative units.</summary>
    public IEnumerable<ProcedureFacts> CompetentFor(IReadOnlySet<UnitKind> kinds) =>
        Procedures.Where(p => p.Current is { } c && c.CompetentUnitKinds.Any(kinds.Contains));

    /// <summary>3.1: the version offers an online service, một phần or toàn trình.</summary>
    public static bool OffersOnline(ProcedureContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.OnlineLevel != OnlineLevel.None;
    }

    /// <summary>For 6.7: applicants are citizens (individuals). The catalog says so in free text; without it, a
    /// procedure for citizens and organisations counts.</summary>
    public static bool AppliesToCitizens(ProcedureContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Group != ProcedureGroup.CitizensAndOrganisations) return false;
        if (string.IsNullOrWhiteSpace(content.ApplicantTypes)) return true;
        var key = Text.SearchKey(content.ApplicantTypes);
        return key.Contains("cong dan", StringComparison.Ordinal) || key.Contains("ca nhan", StringComparison.Ordinal) || key.Contains("nguoi dan", StringComparison.Ordinal);
    }

    /// <summary>For 1.3: what of the required content is missing (name, steps, channels, components, who may apply,
    /// agency; the time limit is a required field of every version).</summary>
    public static IReadOnlyList<string> MissingContent(ProcedureContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(content.Name)) missing.Add("tên thủ tục");
        if (string.IsNullOrWhiteSpace(content.Steps) && content.Workflow.Count == 0) missing.Add("trình tự thực hiện");
        if (string.IsNullOrWhiteSpace(content.WhereToSubmit)) missing.Add("cách thức thực hiện");
        if (content.Components.Count == 0) missing.Add("thành phần, số lượng hồ sơ");
        if (string.IsNullOrWhiteSpace(content.ApplicantTypes)) missing.Add("đối tượng thực hiện");
        if (string.IsNullOrWhiteSpace(content.CompetentAuthority)) missing.Add("cơ quan thực hiện");
        return missing;
    }
}
