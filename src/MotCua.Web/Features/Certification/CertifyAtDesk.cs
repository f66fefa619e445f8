using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Processing;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Features.Reports;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Certification;

/// <summary>Chứng thực bản sao điện tử từ bản chính at the desk in one sitting (docs/adr/0033e): the desk official
/// receives the request with the scan of the original (the dossier, as every desk reception, ReceiveInPerson), takes the
/// fee in cash (the desk's payment, RecordPayment, with its receipt), gives the next number of the unit's certification
/// book, stamps the copy with the certification text, has it signed in the certifier's name where a signer is configured,
/// issues it as the dossier's result, returns it electronically and files it in the applicant's data store, where later
/// online dossiers take it. Refused, and nothing received, without the comparison with the original, without a readable
/// PDF (or images) of it, or for a procedure that is not a certification of copies.</summary>
public static class CertifyAtDesk
{
    public const string RequestPart = "request";
    public const string ScanPart = "scan";
    public const long MaxUploadBytes = 100L * 1024 * 1024;
    public const int DocumentNameLength = 300;

    public sealed record Request(
        [Text(InputLimits.Code)] string ProcedureCode,
        ApplicantInput Applicant,
        [Text(DocumentNameLength)] string DocumentName,
        /// <summary>"Đã đối chiếu với bản chính": the official compared the copy with the original the applicant showed.</summary>
        bool ComparedWithOriginal,
        /// <summary>Refused when true, as at the desk: identity is verified only by a recorded lookup (docs/adr/0033c).</summary>
        bool? IdentityVerified = null,
        /// <summary>The certifier's PKCS#12 password, when they uploaded their own store ("Chữ ký số của tôi"); never stored.</summary>
        [property: System.ComponentModel.DataAnnotations.MaxLength(200)] string? Password = null,
        /// <summary>The applicant's lookup in the population database in this sitting (POST /api/population/lookups).</summary>
        Guid? IdentityVerification = null);

    public sealed record Response(Guid DossierId, string DossierCode, DossierStatus Status, string BookNumber, int Number, int Year, int Pages, long Fee,
        bool SignedDigitally, Guid CopyFileId);

    /// <summary>The reference of the cash taken with the certification; the electronic receipt's number follows it.</summary>
    public const string PaidReference = "Thu tiền mặt khi chứng thực";

    public sealed class Handler(
        AppDbContext db, ReceiveInPerson.Handler receive, RecordPayment.Handler payments, DossierActions actions, UnitTree units,
        FileIntake files, TimeProvider clock, IOptions<CertificationOptions> options, IOptions<ReportsOptions> reports,
        IDocumentSigner signer, ILogger<Handler> logger)
    {
        private const int Attempts = 20;

        public async Task<Response> HandleAsync(Request request, IReadOnlyList<IFormFile> scan, Actor actor, string? receptionKey, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (!options.Value.Codes.Contains(request.ProcedureCode?.Trim() ?? ""))
                throw new DomainException($"Thủ tục {request.ProcedureCode} không phải chứng thực bản sao từ bản chính tại Bộ phận Một cửa.");
            if (!request.ComparedWithOriginal)
                throw new DomainException("Chưa đối chiếu bản sao với bản chính: người thực hiện chứng thực phải đối chiếu với bản chính người yêu cầu xuất trình, rồi đánh dấu \"Đã đối chiếu với bản chính\".");
            var documentName = Text.NormalizeOrNull(request.DocumentName)
                               ?? throw new DomainException("Chưa nhập tên giấy tờ, văn bản được chứng thực.");
            if (documentName.Length > DocumentNameLength)
                throw new DomainException($"Tên giấy tờ, văn bản: tối đa {DocumentNameLength} ký tự.");
            var copy = await CopyScan.ReadAsync(scan, ct);
            if (NotoFonts.Prepare(reports.Value.FontDirectory) is { } missing) throw new DomainException(missing);
            var version = await db.Procedures.AsNoTracking().Where(p => p.Code == request.ProcedureCode)
                              .Join(db.ProcedureVersions, p => p.CurrentVersionId, v => v.Id, (p, v) => v.Content).SingleOrDefaultAsync(ct)
                          ?? throw new DomainException($"Không tìm thấy thủ tục có mã {request.ProcedureCode}.");
            // The signature comes last, after the reception, the cash and the book's number: a key that will not sign (no
            // password, a wrong one, an expired certificate) is refused now, before anything is received.
            var unitName = actor.UnitId is { } unitId ? (await units.AdministrativeUnitOfAsync(unitId, ct)).Name : actor.UnitName ?? "";
            await signer.CheckAsync(Signing(actor, unitName, "", request.Password), ct);
            var copyComponent = version.Components.FirstOrDefault(c => c.Form is ComponentForm.Copy or ComponentForm.CertifiedCopy)
                                ?? throw new DomainException($"Thủ tục \"{version.Name}\" không có thành phần bản sao để chứng thực.");
            var components = version.Components.Where(c => c.Form == ComponentForm.OriginalToShow && !c.Optional)
                .Select(c => new ComponentInput(c.Code, c.Count)).Append(new ComponentInput(copyComponent.Code, 1)).ToList();

            // 1. Received with the scan as the copy's component (digitized), fees computed for its pages: the desk's reception.
            var upload = new FormFile(new MemoryStream(copy.Pdf), 0, copy.Pdf.Length, copyComponent.Code, copy.FileName)
            {
                Headers = new HeaderDictionary(), ContentType = CertifiedCopyPdf.ContentType,
            };
            var received = new ReceiveInPerson.Request(request.ProcedureCode!, request.Applicant, components, Channel.Desk,
                Summary: $"Chứng thực bản sao điện tử từ bản chính: {documentName}", Copies: 1, PagesPerCopy: copy.Pages,
                IdentityVerified: request.IdentityVerified, IdentityVerification: request.IdentityVerification);
            var dossier = await receive.HandleAsync(received, actor, ct, receptionKey, [new ReceiveInPerson.Scan(copyComponent.Code, [upload])]);

            // 2. The fee in cash, as the desk takes it (a paid order, an electronic receipt); a repeat records it once.
            if (dossier.FeesOwed > dossier.AmountPaid)
                dossier = await payments.HandleAsync(dossier.Id,
                    new RecordPayment.Request(dossier.FeesOwed - dossier.AmountPaid, PaymentMethod.Desk, PaidReference, null), ct);

            // 3. The book's number, the stamp, the signature, the result returned and filed: one save.
            return await CertifyAsync(dossier, documentName, copy, actor, request.Password, ct);
        }

        private static SigningRequest Signing(Actor actor, string unitName, string reason, string? password) =>
            new(actor.Id ?? Guid.Empty, actor.Name, null, unitName, reason, password);

        private async Task<Response> CertifyAsync(Dossier dossier, string documentName, CopyScan copy, Actor actor, string? password, CancellationToken ct)
        {
            var unit = await units.AdministrativeUnitOfAsync(dossier.ReceivingUnitId, ct);
            var scanFileId = dossier.Files.First(f => f.Purpose == DossierFilePurpose.Component).StoredFileId!.Value;
            for (var attempt = 1; ; attempt++)
            {
                if (await db.Set<CertifiedCopy>().AsNoTracking().SingleOrDefaultAsync(c => c.DossierId == dossier.Id, ct) is { } done)
                    return Answer(dossier, done);
                var now = clock.GetUtcNow().UtcDateTime;
                var local = VietnamTime.ToLocal(now);
                var last = await db.Set<CertifiedCopy>().Where(c => c.UnitId == unit.Id && c.Year == local.Year).MaxAsync(c => (int?)c.Number, ct);
                var number = (last ?? 0) + 1;
                var bookNumber = CertifiedCopy.Format(number, local.Year);
                var pdf = CertifiedCopyPdf.Stamp(copy.Pdf, new CertificationText(unit.Name, options.Value.Place ?? unit.Name, bookNumber, local,
                    actor.Name, copy.Pages));
                // Signed (PAdES) in the certifier's name before anything is stored: a copy that cannot be signed is not certified.
                pdf = (await signer.SignAsync(pdf, Signing(actor, unit.Name, $"{CertificationText.Statement}, số chứng thực {bookNumber}", password), ct)).Pdf;
                DateTime? signedAt = now;
                await using var batch = files.Begin(db);
                var stored = await batch.SaveAsync(new MemoryStream(pdf), $"ban-sao-chung-thuc-{number}-{local.Year}.pdf", CertifiedCopyPdf.ContentType, now, ct);
                try
                {
                    CertifiedCopy? entry = null;
                    var saved = await actions.ActAsync(dossier.Id, null, OfficialRole.DeskOfficial, c =>
                    {
                        var d = c.Dossier;
                        d.StartProcessing(unit.Id, unit.Name, c.Actor, c.Now);
                        var result = d.CertifyCopy($"Bản sao điện tử có chứng thực: {documentName}", bookNumber, c.Actor, c.Now);
                        d.AttachResultFile(result.Id, stored.Id, stored.FileName, c.Actor, c.Now);
                        d.ReturnResult(ReturnMethod.Electronic, null, c.Actor, c.Now);
                        entry = new CertifiedCopy(d.Id, unit.Id, unit.Name, local.Year, number, documentName, copy.Pages, d.FeesOwed,
                            d.Applicant.FullName, d.Applicant.IdNumber, c.Actor.Id, c.Actor.Name, scanFileId, c.Now);
                        entry.FileCopy(stored.Id, signedAt);
                        db.Add(entry);
                        // Filed as a certified copy (not as a result of its own kind), so that a later dossier asking for a
                        // certified copy of a paper is offered it; the store's interceptor then leaves the file alone.
                        db.Add(new CitizenDocument(d.Applicant.IdNumber, CitizenDocumentKind.CertifiedCopy,
                            $"Bản sao điện tử có chứng thực: {documentName}" + (signedAt is null ? " (chưa ký số)" : ""), null, stored.Id, stored.FileName,
                            d.Id, d.Code, bookNumber, c.Now, null, c.Now));
                        return Task.CompletedTask;
                    }, ct);
                    batch.Committed();
                    return Answer(saved, entry!);
                }
                catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && attempt < Attempts)
                {
                    // Another certification of the unit took that number in between: read again and take the next.
                    logger.LogInformation("Certification number {Number} of unit {Unit} was taken concurrently; retrying", number, unit.Id);
                    db.ChangeTracker.Clear();
                }
            }
        }

        private static Response Answer(Dossier d, CertifiedCopy c) =>
            new(d.Id, d.Code!, d.Status, c.BookNumber, c.Number, c.Year, c.Pages, c.Fee, c.SignedAtUtc is not null, c.CopyFileId!.Value);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/certified-copies", async Task<Results<Created<Response>, ValidationProblem>> (IFormCollection form, Handler handler, CurrentUser user,
                IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, [FromHeader(Name = ReceptionKey.Header)] string? idempotencyKey, CancellationToken ct) =>
            {
                static ValidationProblem Problem(string field, string message) =>
                    TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
                if (ReceptionKey.Problem(idempotencyKey) is { } keyProblem) return Problem(ReceptionKey.Header, keyProblem);
                if (form.Files.FirstOrDefault(f => f.Name != ScanPart) is { } other)
                    return Problem(other.Name, $"Phần tệp \"{other.Name}\" không hợp lệ: bản quét bản chính gửi trong phần \"{ScanPart}\".");
                if (form.Keys.FirstOrDefault(k => k != RequestPart) is { } unknown)
                    return Problem(unknown, $"Phần \"{unknown}\" không được hỗ trợ: chỉ gửi phần \"{RequestPart}\" (JSON) và \"{ScanPart}\" (tệp).");
                var text = form.TryGetValue(RequestPart, out var value) && value.Count == 1 ? value[0] : null;
                if (string.IsNullOrWhiteSpace(text)) return Problem(RequestPart, $"Thiếu phần \"{RequestPart}\": yêu cầu chứng thực dạng JSON.");
                Request? request;
                try
                {
                    request = JsonSerializer.Deserialize<Request>(text, json.Value.SerializerOptions);
                }
                catch (JsonException e)
                {
                    var problem = JsonProblem.Of(e, typeof(Request));
                    return Problem(problem.Field is null ? RequestPart : $"{RequestPart}.{problem.Field}", $"Phần \"{RequestPart}\": {problem.Detail}");
                }
                if (request is null) return Problem(RequestPart, $"Phần \"{RequestPart}\" phải là một đối tượng JSON.");
                var answer = await handler.HandleAsync(request, form.Files.GetFiles(ScanPart), user.As(OfficialRole.DeskOfficial), idempotencyKey, ct);
                return TypedResults.Created($"/api/dossiers/{answer.DossierId}", answer);
            })
            .Accepts<Request>("multipart/form-data")
            .RequireAuthorization(nameof(OfficialRole.DeskOfficial))
            // Bearer-token clients send no antiforgery token; the office cookie is SameSite=Lax, so no other site posts with it.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes)
            .WithSummary("Chứng thực bản sao điện tử từ bản chính tại Bộ phận Một cửa, trong một lần.")
            .WithDescription($"multipart/form-data: phần \"{RequestPart}\" là yêu cầu JSON (thủ tục, người yêu cầu, tên giấy tờ, comparedWithOriginal = true), " +
                             $"phần \"{ScanPart}\" là bản quét bản chính (một tệp PDF, hoặc ảnh từng trang). Tiếp nhận, thu phí tiền mặt, ghi sổ chứng thực, " +
                             "đóng dấu lời chứng, ký số (nếu có), trả kết quả điện tử vào kho dữ liệu của người yêu cầu.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
