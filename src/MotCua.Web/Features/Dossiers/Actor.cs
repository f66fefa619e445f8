namespace MotCua.Web.Features.Dossiers;

/// <summary>Who acts on a dossier, as the history must show it: the person, their role and their unit
/// ("rõ người, rõ trách nhiệm, rõ thẩm quyền"). Names are copied, not referenced, so the history reads the
/// same after a person moves or a unit is renamed. Three kinds act: an official (a role in a unit), the applicant
/// (a citizen on the portal), and a system — a named <see cref="Integration"/> with no person behind it.</summary>
public sealed record Actor(Guid? Id, string Name, string Role, Guid? UnitId, string? UnitName)
{
    /// <summary>The application itself (a sweep, the command line's defaults) when no integration is named.</summary>
    public static readonly Actor System = new(null, "Hệ thống", SystemRole, null, null);

    /// <summary>The role under which every integration is shown: no person holds it.</summary>
    public const string SystemRole = "Hệ thống";

    public const string ApplicantRole = "Người nộp hồ sơ";

    public static Actor Applicant(Guid? accountId, string name) => new(accountId, name, ApplicantRole, null, null);

    /// <summary>An integration acting on its own account (a payment gateway's notice, a national-portal sync, a
    /// scheduled job): the history names the integration, under the role "Hệ thống", for the unit it acts for if any.</summary>
    public static Actor Of(Integration integration) =>
        new(null, integration.Name, SystemRole, integration.UnitId, integration.UnitName);
}

/// <summary>A system that changes dossiers without a person: a payment gateway, the national public-service portal, the
/// scheduler. <paramref name="Code"/> is stable (configuration, logs); <paramref name="Name"/> is what the history shows.
/// An integration that serves one unit only (a commune's own gateway account) names it, so the history says for whom.</summary>
public sealed record Integration(string Code, string Name, Guid? UnitId = null, string? UnitName = null)
{
    public Actor Actor => Actor.Of(this);
}
