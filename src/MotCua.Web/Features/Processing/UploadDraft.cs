using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>The specialist uploads the draft result (dự thảo) before submitting it for signature.</summary>
public static class UploadDraft
{
    public sealed class Handler(FileActions files)
    {
        public Task<Dossier> HandleAsync(Guid id, IFormFile draft, int? revision, CancellationToken ct) =>
            files.ActWithFilesAsync(id, revision, OfficialRole.Specialist, [draft], (c, stored) =>
                c.Dossier.AttachDraftResult(stored[0].Id, stored[0].FileName, c.Actor, c.Now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/draft",
                async Task<Ok<DossierSummary>> (Guid id, IFormFile file, [FromForm] int? revision, Handler handler, CancellationToken ct) =>
                    TypedResults.Ok(DossierSummary.From(await handler.HandleAsync(id, file, revision, ct))))
            .RequireAuthorization(nameof(OfficialRole.Specialist))
            .DisableAntiforgery()
            .WithSummary("Chuyên viên tải lên dự thảo kết quả.");
}
