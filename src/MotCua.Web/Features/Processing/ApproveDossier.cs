using System.ComponentModel.DataAnnotations;
using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Signatures;

namespace MotCua.Web.Features.Processing;

/// <summary>The leader approves and signs; the clerk may then issue the result. The newest draft, when it is a PDF, is
/// digitally signed with the leader's key (docs/adr/0033a); <see cref="Request.Password"/> opens the leader's own PKCS#12
/// store when they have one (never stored).</summary>
public static class ApproveDossier
{
    public sealed record Request([Text(InputLimits.Reason)] string? Note, int? Revision, [MaxLength(200)] string? Password = null);

    public sealed class Handler(DossierFileSigning signing)
    {
        public Task<Dossier> HandleAsync(Guid id, Request request, CancellationToken ct) =>
            signing.ActAsync(id, request.Revision, OfficialRole.Leader, [], async (c, s) =>
            {
                var draft = c.Dossier.Files.Where(f => f.Purpose == DossierFilePurpose.Draft).OrderBy(f => f.AddedAtUtc).LastOrDefault();
                // Checked before signing, so that a refused approval signs nothing.
                if (!c.Dossier.AvailableOperations(WorkflowActor.Official([OfficialRole.Leader], true, c.Actor.Id, c.Actor.UnitId)).Contains(DossierOperation.Approve))
                {
                    c.Dossier.Approve(request.Note, c.Actor, c.Now);
                    return;
                }
                var signed = draft is null ? null
                    : await s.SignAsync(draft, new DossierFileSigning.How("Lãnh đạo ký số dự thảo kết quả", Password: request.Password, SkipNonPdf: true));
                c.Dossier.Approve(request.Note, c.Actor, c.Now, draft?.Id, signed);
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/approve", "Lãnh đạo phê duyệt, ký kết quả.",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, r, ct), OfficialRole.Leader);
}
