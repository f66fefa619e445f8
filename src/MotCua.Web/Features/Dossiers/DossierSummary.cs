namespace MotCua.Web.Features.Dossiers;

/// <summary>What a client needs after acting on a dossier: where it stands now and the revision to send with
/// the next action.</summary>
public sealed record DossierSummary(Guid Id, string? Code, int Status, string StatusName, ProcessingStage? Stage, DateTime? DueAtUtc, int Revision)
{
    public static DossierSummary From(Dossier d) => new(d.Id, d.Code, (int)d.Status, d.Status.DisplayName(), d.Stage, d.DueAtUtc, d.Revision);
}
