using MotCua.Web.Features.Catalog;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Nộp hồ sơ trực tuyến: the dossier gets its code at once (the citizen follows it by that code) and
/// waits in status 1 for an official of the receiving unit.</summary>
public static class SubmitOnline
{
    public sealed record Request(
        string ProcedureCode,
        Guid ReceivingUnitId,
        ApplicantInput Applicant,
        IReadOnlyList<ComponentInput> Components,
        OnlineLevel Level = OnlineLevel.Full,
        string? Summary = null,
        string? FormData = null,
        int Copies = 1,
        int PagesPerCopy = 1,
        bool IdentityVerified = false);

    public sealed class Handler(AppDbContext db, IntakeBuilder intakes, DossierCodeGenerator codes, TimeProvider clock)
    {
        public async Task<Dossier> HandleAsync(Request request, Actor actor, CancellationToken ct)
        {
            var built = await intakes.BuildAsync(request.ProcedureCode, request.ReceivingUnitId, null, request.Applicant, request.Components,
                Channel.Online, request.Summary, request.FormData, 1, request.Copies, request.PagesPerCopy, request.IdentityVerified, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var code = await codes.NextAsync(built.AgencyCode, now, ct);
            var dossier = Dossier.Submit(built.Intake, code, request.Level, actor, now);
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return dossier;
        }
    }
}
