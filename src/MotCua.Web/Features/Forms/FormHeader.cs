using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Forms;

/// <summary>The top of every form: the issuing body under its governing body on the left, the national motto on
/// the right, then place and date, the form number and the dossier code.</summary>
/// <param name="GoverningBody">"ỦY BAN NHÂN DÂN PHƯỜNG TRẦN BIÊN": the administrative unit's people's committee.</param>
/// <param name="IssuingBody">"TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" when a body inside the unit issues the form; null
/// when the people's committee itself does.</param>
/// <param name="IssuerName">The issuer as a sentence names it: "Trung tâm Phục vụ hành chính công phường Trần Biên".</param>
public sealed record FormHeader(
    string GoverningBody, string? IssuingBody, string IssuerName, string Place, DateOnly Date, string PlaceAndDate, string FormNumber, string? DossierCode);

/// <summary>Builds form headers from the unit tree (in memory), so a form costs no extra query for them.</summary>
public sealed class FormHeaders(UnitTree units)
{
    /// <summary>The header of a form issued by <paramref name="unitId"/> (a desk, a department or the
    /// administrative unit itself) on the Vietnam date of <paramref name="atUtc"/>.</summary>
    public async Task<FormHeader> ForAsync(Guid unitId, DateTime atUtc, string formNumber, string? dossierCode, CancellationToken ct) =>
        await ForAsync(unitId, DateOnly.FromDateTime(VietnamTime.ToLocal(atUtc)), formNumber, dossierCode, ct);

    public async Task<FormHeader> ForAsync(Guid unitId, DateOnly date, string formNumber, string? dossierCode, CancellationToken ct)
    {
        var unit = await units.FindAsync(unitId, ct) ?? throw new InvalidOperationException($"Unit {unitId} is not in the unit tree.");
        var administrative = await units.AdministrativeUnitOfAsync(unitId, ct);
        var committee = $"{FormText.PeoplesCommittee} {LowerFirst(administrative.Name)}";
        var place = FormText.Place(administrative.Name);
        string? body = null;
        var issuerName = committee;
        if (unit.Id != administrative.Id)
        {
            // Bodies are named "Trung tâm Phục vụ hành chính công phường Trần Biên": the heading drops the place,
            // which the governing body above it already says.
            var suffix = " " + administrative.Name;
            body = unit.Name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? unit.Name[..^suffix.Length] : unit.Name;
            issuerName = unit.Name;
        }
        return new FormHeader(FormText.Upper(committee), body is null ? null : FormText.Upper(body), Text.Normalize(issuerName), place, date,
            FormText.PlaceAndDate(place, date), formNumber, dossierCode);
    }

    /// <summary>The administrative unit a body belongs to, for forms signed on behalf of the people's committee.</summary>
    public async Task<Guid> AdministrativeUnitOfAsync(Guid unitId, CancellationToken ct) => (await units.AdministrativeUnitOfAsync(unitId, ct)).Id;

    public async Task<string> NameOfAsync(Guid unitId, CancellationToken ct) => (await units.FindAsync(unitId, ct))?.Name ?? "";

    // "Ủy ban nhân dân phường Trần Biên": the unit kind is a common noun inside the name.
    private static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
