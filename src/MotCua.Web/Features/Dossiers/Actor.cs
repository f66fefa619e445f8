namespace MotCua.Web.Features.Dossiers;

/// <summary>Who acts on a dossier, as the history must show it: the person, their role and their unit
/// ("rõ người, rõ trách nhiệm, rõ thẩm quyền"). Names are copied, not referenced, so the history reads the
/// same after a person moves or a unit is renamed.</summary>
public sealed record Actor(Guid? Id, string Name, string Role, Guid? UnitId, string? UnitName)
{
    public static readonly Actor System = new(null, "Hệ thống", "Hệ thống", null, null);

    public static Actor Applicant(Guid? accountId, string name) => new(accountId, name, "Người nộp hồ sơ", null, null);
}
