using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Reception;

/// <summary>Số hóa: the desk scans a paper component (one or more pages) into the dossier.</summary>
public static class DigitizeComponent
{
    public sealed class Handler(FileActions files)
    {
        public Task<Dossier> HandleAsync(Guid id, Guid componentId, IReadOnlyList<IFormFile> pages, int? revision, CancellationToken ct) =>
            files.ActWithFilesAsync(id, revision, OfficialRole.DeskOfficial, pages, (c, stored) =>
            {
                foreach (var file in stored)
                    c.Dossier.AttachComponentFile(componentId, file.Id, file.FileName, scannedFromPaper: true, c.Actor, c.Now);
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/components/{componentId:guid}/scans",
                async Task<Ok<DossierSummary>> (Guid id, Guid componentId, [FromForm] IFormFileCollection files, [FromForm] int? revision, Handler handler, CancellationToken ct) =>
                    TypedResults.Ok(DossierSummary.From(await handler.HandleAsync(id, componentId, files, revision, ct))))
            .RequireAuthorization(nameof(OfficialRole.DeskOfficial))
            .DisableAntiforgery()
            .WithSummary("Số hóa thành phần hồ sơ giấy: tải lên bản quét (PDF, JPEG, PNG; nhiều trang).");
}
