using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Forms;

/// <summary>Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the specific reason from the refusal in the
/// history. Its exact layout under Circular 03/2025/TT-VPCP is [to confirm].</summary>
public static class RefusalForm
{
    public const string Number = "Mẫu số 03";

    public sealed record View(
        FormHeader Header, string Salutation, string ApplicantName, string Address, string Phone, string Procedure,
        string Channel, string SubmittedAt, string RefusedAt, string Reason, Signer RefusedBy);

    public sealed class Builder(FormAccess access, FormHeaders headers)
    {
        public async Task<FormResult<View>> BuildAsync(Guid id, CancellationToken ct)
        {
            var d = await access.HeadAsync(id, ct);
            if (d is null) return FormResult.NotFound<View>();
            var refusal = await access.LastAsync(id, DossierEventKind.Refuse, ct);
            if (refusal is null) return FormResult.Unavailable<View>("Hồ sơ không bị từ chối tiếp nhận.");

            var content = await access.ContentAsync(d.ProcedureVersionId, ct);
            var header = await headers.ForAsync(refusal.UnitId ?? d.ReceivingUnitId, refusal.AtUtc, Number, d.Code, ct);
            var signer = await access.SignerAsync(refusal.ActorId, refusal.ActorName, refusal.ActorRole, ct);
            return FormResult.Of(new View(
                header, FormText.Salutation(d.ApplicantKind), d.ApplicantName, d.Address ?? "", d.Phone ?? "", content.Name,
                d.Channel.DisplayName(), FormText.Time(d.SubmittedAtUtc), FormText.Time(refusal.AtUtc), refusal.Reason ?? "", signer));
        }
    }
}
