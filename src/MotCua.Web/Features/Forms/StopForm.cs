using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 05 — Thông báo dừng giải quyết hồ sơ, from the stop in the history (reason and date). Its exact
/// layout under Circular 03/2025/TT-VPCP is [to confirm].</summary>
public static class StopForm
{
    public const string Number = "Mẫu số 05";

    public sealed record View(
        FormHeader Header, string Salutation, string ApplicantName, string Address, string Procedure, string ReceivedAt,
        string StoppedAt, string Reason, Signer StoppedBy);

    public sealed class Builder(FormAccess access, FormHeaders headers)
    {
        public async Task<FormResult<View>> BuildAsync(Guid id, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            var stop = await access.LastAsync(id, DossierEventKind.Stop, ct);
            if (stop is null) return FormResult.Unavailable<View>("Hồ sơ không bị dừng giải quyết.");

            // Stopping is the competent unit's decision, announced in its people's committee's name.
            var committee = await headers.AdministrativeUnitOfAsync(d.CompetentUnitId, ct);
            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var header = await headers.ForAsync(committee, stop.AtUtc, Number, d.Code, ct);
            var signer = await access.SignerAsync(stop.ActorId, stop.ActorName, stop.ActorRole, ct);
            return FormResult.Of(new View(
                header, FormText.Salutation(d.ApplicantKind), d.ApplicantName, d.Address ?? "", content.Name, FormText.Time(d.ReceivedAtUtc),
                FormText.Time(stop.AtUtc), stop.Reason ?? "", signer));
        }
    }
}
