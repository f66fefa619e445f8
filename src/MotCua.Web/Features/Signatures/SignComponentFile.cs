using System.ComponentModel.DataAnnotations;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>Ký số thành phần hồ sơ: a desk official signs a component file they digitized (a PDF), with their own
/// certificate; the dossier records it.</summary>
public static class SignComponentFile
{
    public sealed record Request([MaxLength(200)] string? Password, int? Revision);

    public sealed class Handler(DossierFileSigning signing)
    {
        public Task<Dossier> HandleAsync(Guid id, Guid fileId, Request request, CancellationToken ct) =>
            signing.ActAsync(id, request.Revision, OfficialRole.DeskOfficial, [], async (c, s) =>
            {
                var file = c.Dossier.Files.SingleOrDefault(f => f.Id == fileId) ?? throw new NotFoundException("Không tìm thấy tệp trong hồ sơ.");
                if (file.Purpose != DossierFilePurpose.Component)
                    throw new DomainException("Bộ phận một cửa chỉ ký số tệp thành phần hồ sơ.");
                if (!c.Dossier.AvailableOperations(WorkflowActor.Official([OfficialRole.DeskOfficial], true, c.Actor.Id, c.Actor.UnitId)).Contains(DossierOperation.AttachComponentFile))
                    throw new DomainException("Hồ sơ ở trạng thái này không còn ký số thành phần hồ sơ được.");
                var signed = await s.SignAsync(file, new DossierFileSigning.How("Ký số thành phần hồ sơ", Password: request.Password));
                c.Dossier.SignComponentFile(file.Id, signed!, c.Actor, c.Now);
            }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapAction<Request>("/{id:guid}/files/{fileId:guid}/sign", "Cán bộ một cửa ký số tệp thành phần hồ sơ (PDF).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().HandleAsync(id, Guid.Parse((string)http.Request.RouteValues["fileId"]!, System.Globalization.CultureInfo.InvariantCulture), r, ct),
            OfficialRole.DeskOfficial);
}
