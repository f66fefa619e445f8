using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Processing;

/// <summary>Dừng xử lý (Form 05) and rút hồ sơ, at the applicant's request, before a result is issued. An official
/// withdraws a dossier only with the applicant's signed request (Đơn đề nghị rút hồ sơ, scanned: PDF, JPEG or PNG),
/// filed with the dossier in the same save (seed 004 counts a withdrawal without it against the unit).</summary>
public static class StopOrWithdraw
{
    public sealed record Request([Text(InputLimits.Reason)] string Reason, int? Revision);

    private static readonly OfficialRole[] WithdrawRoles = [OfficialRole.DeskOfficial, OfficialRole.Leader];

    public sealed class Handler(DossierActions actions, FileActions files, CurrentUser user)
    {
        public Task<Dossier> StopAsync(Guid id, Request request, CancellationToken ct) =>
            actions.ActAsync(id, request.Revision, OfficialRole.Leader, c =>
            {
                c.Dossier.Stop(request.Reason, c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);

        public Task<Dossier> WithdrawAsync(Guid id, Request request, IFormFile? requestDocument, CancellationToken ct)
        {
            if (requestDocument is null || requestDocument.Length == 0) throw new DomainException(MissingRequest);
            return files.ActWithFilesAsync(id, request.Revision, user.RoleOf(WithdrawRoles), [requestDocument], (c, stored) =>
            {
                // A Word file is accepted for components, not for a signed request: it carries no signature.
                if (stored[0].ContentType is not ("application/pdf" or "image/jpeg" or "image/png"))
                    throw new DomainException($"Đơn đề nghị rút hồ sơ phải là bản quét có chữ ký của người nộp, tệp PDF, JPEG hoặc PNG (tệp \"{stored[0].FileName}\" không phải).");
                c.Dossier.Withdraw(request.Reason, stored[0].Id, stored[0].FileName, c.Actor, c.Now);
            }, ct);
        }
    }

    public const string MissingRequest =
        "Rút hồ sơ phải kèm đơn đề nghị rút hồ sơ có chữ ký của người nộp: hãy quét đơn (PDF, JPEG hoặc PNG) và đính kèm.";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapAction<Request>("/{id:guid}/stop", "Dừng xử lý hồ sơ (Mẫu 05).",
            (r, id, http, ct) => http.RequestServices.GetRequiredService<Handler>().StopAsync(id, r, ct), OfficialRole.Leader);
        group.MapPost("/{id:guid}/withdraw",
                async Task<Ok<DossierSummary>> (Guid id, [FromForm] string? reason, [FromForm] int? revision, IFormFile? file, Handler handler, CancellationToken ct) =>
                    TypedResults.Ok(DossierSummary.From(await handler.WithdrawAsync(id, new Request(reason ?? "", revision), file, ct))))
            .RequireAuthorization(policy => policy.RequireClaim(IdentitySetup.KindClaim, nameof(Official)).RequireRole(WithdrawRoles.Select(r => r.ToString())))
            .DisableAntiforgery()
            .WithSummary("Rút hồ sơ theo đề nghị của người nộp (multipart: reason, revision, file = đơn đề nghị rút hồ sơ có chữ ký, PDF/JPEG/PNG).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
