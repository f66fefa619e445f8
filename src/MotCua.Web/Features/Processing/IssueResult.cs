using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Processing;

/// <summary>Phát hành: the clerk numbers the signed result, dates it and attaches its file (the electronic
/// result the 766 index counts), stamped with the unit's seal when it is a PDF (docs/adr/0033a). Processing ends here
/// (status 9).</summary>
public static class IssueResult
{
    public sealed record Request([Text(InputLimits.Reference)] string Number, [Text(InputLimits.Reference)] string? ResultCode, int? Revision);

    public sealed class Handler(DossierFileSigning signing, AppDbContext db)
    {
        public async Task<Dossier> HandleAsync(Guid id, Request request, IFormFile file, CancellationToken ct)
        {
            var number = Infrastructure.Text.NormalizeOrNull(request.Number) ?? throw new DomainException("Chưa nhập số, ký hiệu văn bản kết quả.");
            return await signing.ActAsync(id, request.Revision, OfficialRole.Clerk, [file], async (c, s) =>
            {
                var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == c.Dossier.ProcedureVersionId).Select(v => v.Content).SingleAsync(ct);
                var result = c.Dossier.Decide(content.ResultName, number, request.ResultCode ?? $"{c.Dossier.Code}-KQ",
                    content.ResultType == ResultType.Electronic, c.Actor, c.Now);
                var stamped = await s.SignAsync(s.Uploaded[0], new DossierFileSigning.How("Văn thư đóng dấu số (chữ ký số của cơ quan) lên kết quả", Seal: true, SkipNonPdf: true));
                c.Dossier.AttachResultFile(result.Id, stamped?.StoredFileId ?? s.Uploaded[0].Id, stamped?.FileName ?? s.Uploaded[0].FileName, c.Actor, c.Now, stamped?.Description);
            }, ct);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/issue",
                async Task<Ok<DossierSummary>> (Guid id, [FromForm] string number, [FromForm] string? resultCode, [FromForm] int? revision, IFormFile file, Handler handler, CancellationToken ct) =>
                    TypedResults.Ok(DossierSummary.From(await handler.HandleAsync(id, new Request(number, resultCode, revision), file, ct))))
            .RequireAuthorization(nameof(OfficialRole.Clerk))
            .DisableAntiforgery()
            .WithSummary("Văn thư vào số, phát hành kết quả và đính kèm tệp kết quả (trạng thái 4 → 9).");
}
