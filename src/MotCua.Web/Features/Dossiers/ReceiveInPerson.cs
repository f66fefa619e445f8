using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính: the desk official checks the components, scans the paper
/// ones and receives the dossier; it gets its code and due date at once. The one reception of the desk page and of
/// the API (docs/adr/0026): both send the same request, the same scans and the same idempotency key here.
/// The dossier and its scans are received in one request and one transaction. Done in two steps (receive, then
/// scan), a refused scan would leave a received dossier without the files the official believes were attached;
/// here a bad scan refuses the whole reception and nothing is saved, so the official fixes the scan and receives
/// again.</summary>
public static class ReceiveInPerson
{
    /// <summary>Several components of several scanned pages each: larger than the server's default request limit.</summary>
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    /// <summary>The multipart part that carries the request as JSON; each scan is a part named
    /// <see cref="ScanPartPrefix"/> + the component's requirement code.</summary>
    public const string DossierPart = "dossier";
    public const string ScanPartPrefix = "component:";

    public sealed record Request(
        [Text(InputLimits.Code)] string ProcedureCode,
        ApplicantInput Applicant,
        [Items(InputLimits.Items)] IReadOnlyList<ComponentInput> Components,
        Channel Channel = Channel.Desk,
        DateTime? PostmarkAtUtc = null,
        Guid? CompetentUnitId = null,
        [Text(InputLimits.Summary)] string? Summary = null,
        [Number(1, InputLimits.Count)] int Sets = 1,
        [Number(1, InputLimits.Count)] int Copies = 1,
        [Number(1, InputLimits.Count)] int PagesPerCopy = 1,
        /// <summary>No longer taken: a posted flag cannot verify anyone. Old clients sending true get a 422 that says what
        /// to send instead (<see cref="IdentityVerification"/>).</summary>
        bool? IdentityVerified = null,
        [Text(UnscannedReasonLength)] string? UnscannedReason = null,
        /// <summary>The evidence of the exemption group in <see cref="ApplicantInput.ExemptionGroups"/> (the paper seen and
        /// its number): required when the group exempts a fee line; kept in the reception's history entry.</summary>
        [Text(IntakeBuilder.ExemptionEvidenceLength)] string? ExemptionReason = null,
        /// <summary>The numbers the applicant asks for that fee lines count from, by the e-form field the line names
        /// (<see cref="FeeItem.CopiesField"/>): the extract copies asked for on a birth registration, charged per copy on
        /// request (<see cref="FeeItem.OnRequest"/>) and so nothing unless given here.</summary>
        IReadOnlyDictionary<string, int>? Declared = null,
        /// <summary>The id of a lookup in the national population database (POST /api/population/lookups) made by the same
        /// official in this sitting for the applicant's ID number: the dossier is then marked verified (population
        /// database), the applicant filled from the registry, and the components the data replaces supplied from it.
        /// Without it the dossier is received unverified.</summary>
        Guid? IdentityVerification = null);

    /// <summary>Why a paper the procedure asks to scan at reception was received without its scan: kept in the history
    /// with the papers' names, within the history's reason column (2000).</summary>
    public const int UnscannedReasonLength = 1000;

    /// <summary>The scanned pages of one component, by its requirement code.</summary>
    public sealed record Scan(string RequirementCode, IReadOnlyList<IFormFile> Pages);

    public sealed record Response(Guid Id, string Code, string LookupCode, DateTime ReceivedAtUtc, DateTime DueAtUtc, long FeesOwed);

    public sealed class Handler(
        AppDbContext db, IntakeBuilder intakes, DossierCodeGenerator codes, CalendarService calendars, FileIntake files, TimeProvider clock,
        IOptions<ReceptionOptions> reception, IPopulationVerifications verifications)
    {
        /// <summary>Receives, or returns the dossier already received under the same <paramref name="receptionKey"/>
        /// (<see cref="ReceptionKey"/>: the page's form key, the API's Idempotency-Key header).</summary>
        public async Task<Dossier> HandleAsync(Request request, Actor actor, CancellationToken ct, string? receptionKey = null,
            IReadOnlyList<Scan>? scans = null)
        {
            ArgumentNullException.ThrowIfNull(request);
            scans ??= [];
            if (actor.UnitId is not { } unitId) throw new DomainException("Tài khoản chưa được gắn với đơn vị.");
            if (request.Channel == Channel.Online)
                throw new DomainException("Kênh tiếp nhận tại quầy chỉ có thể là trực tiếp hoặc bưu chính.");
            var key = ReceptionKey.For(actor, receptionKey);
            // Before any file is written: a repeat stores nothing.
            if (key is { } k && await ReceptionKey.FindAsync(db, k, request, ct) is { } already) return already;
            var population = await ConfirmIdentityAsync(verifications, request.IdentityVerified, request.IdentityVerification, request.Applicant, actor, ct);
            var built = await intakes.BuildAsync(request.ProcedureCode, unitId, request.CompetentUnitId, request.Applicant, request.Components,
                request.Channel, request.Summary, null, request.Sets, request.Copies, request.PagesPerCopy,
                population is null ? IdentityCheck.None : IdentityCheck.PopulationDatabase, ct,
                request.Declared, request.ExemptionReason, population);
            var toAttach = Match(built, scans);
            var unscanned = UnscannedReason(request, built, toAttach);

            var now = clock.GetUtcNow().UtcDateTime;
            var year = VietnamTime.ToLocal(now).Year;
            var calendar = await calendars.GetAsync(year, year + 1, ct);
            await using var batch = files.Begin(db);
            try
            {
                // Bytes first (each checked by content), rows after: a refused file stops everything before a
                // dossier number is taken.
                var attached = new List<(DossierComponent Component, StoredFile File)>();
                foreach (var (component, page) in toAttach)
                    attached.Add((component, await batch.AcceptAsync(page, now, ct)));

                // The counter row, the dossier and its files commit together: a failure gives the number back.
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var code = await codes.NextAsync(built.AgencyCode, now, ct);
                var dossier = Dossier.ReceiveInPerson(built.Intake, request.Channel, code, request.PostmarkAtUtc, calendar, actor, now, key, unscanned);
                foreach (var (component, file) in attached)
                    dossier.AttachComponentFile(component.Id, file.Id, file.FileName, scannedFromPaper: true, actor, now);
                db.Dossiers.Add(dossier);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                batch.Committed();
                return dossier;
            }
            catch (DbUpdateException) when (key is { } racing)
            {
                // The same request, sent twice at once, was received by the other one (the unique key decided);
                // this one's scans are deleted with the batch.
                db.ChangeTracker.Clear();
                var existing = await ReceptionKey.FindAsync(db, racing, request, ct);
                if (existing is null) throw;
                return existing;
            }
        }

        /// <summary>The rule of <see cref="ReceptionOptions.DigitizeAtReception"/>: every received paper marked "phải số hóa"
        /// has its scan, or the official says why not (a broken scanner, a paper too fragile), and the history keeps it.</summary>
        private string? UnscannedReason(Request request, IntakeBuilder.Built built, List<(DossierComponent Component, IFormFile Page)> toAttach)
        {
            if (!reception.Value.MustDigitizeAtReception(request.ProcedureCode)) return null;
            var requirements = built.Version.Content.Components.ToDictionary(c => c.Code);
            var missing = built.Intake.Components
                .Where(c => requirements.TryGetValue(c.RequirementCode, out var r) && r.MustDigitize && r.Form != ComponentForm.OriginalToShow)
                .Where(c => toAttach.All(a => a.Component != c))
                .Select(c => c.Name).ToList();
            if (missing.Count == 0) return null;
            var why = Text.NormalizeOrNull(request.UnscannedReason)
                      ?? throw new DomainException($"Thủ tục này phải số hóa khi tiếp nhận; chưa có bản quét của: {string.Join("; ", missing)}. " +
                                                   "Hãy chọn tệp bản quét, hoặc ghi lý do chưa số hóa được.");
            var reason = $"Chưa số hóa khi tiếp nhận: {string.Join("; ", missing)}. Lý do: {why}";
            return reason.Length <= InputLimits.Reason ? reason : reason[..InputLimits.Reason];
        }

        /// <summary>Pairs each scanned page with the component it belongs to, refusing scans the dossier cannot hold.</summary>
        private static List<(DossierComponent Component, IFormFile Page)> Match(IntakeBuilder.Built built, IReadOnlyList<Scan> scans)
        {
            var requirements = built.Version.Content.Components.ToDictionary(c => c.Code);
            var result = new List<(DossierComponent, IFormFile)>();
            foreach (var scan in scans.Where(s => s.Pages.Count > 0))
            {
                if (!requirements.TryGetValue(scan.RequirementCode, out var requirement))
                    throw new DomainException($"Thành phần hồ sơ không thuộc thủ tục: {scan.RequirementCode}.");
                // Papers only shown for comparison are not kept, so not digitized (Circular 01/2023).
                if (requirement.Form == ComponentForm.OriginalToShow)
                    throw new DomainException($"\"{requirement.Name}\" chỉ xuất trình để đối chiếu, không lưu bản quét; hãy bỏ tệp đã chọn cho thành phần này.");
                var component = built.Intake.Components.FirstOrDefault(c => c.RequirementCode == scan.RequirementCode)
                                ?? throw new DomainException($"Đã chọn bản quét cho \"{requirement.Name}\" nhưng chưa đánh dấu \"Đã nhận\" thành phần này.");
                // The same limit as one upload of a component's pages to a received dossier (DigitizeComponent).
                var pages = scans.Where(s => s.RequirementCode == scan.RequirementCode).Sum(s => s.Pages.Count);
                if (pages > InputLimits.Files)
                    throw new DomainException($"\"{requirement.Name}\" có {pages} tệp bản quét, tối đa {InputLimits.Files} tệp cho một thành phần; hãy gộp các trang vào một tệp PDF.");
                result.AddRange(scan.Pages.Select(p => (component, p)));
            }
            return result;
        }
    }

    /// <summary>The population data of the lookup the reception names, checked against who receives and whom; none when it
    /// names none. A posted "verified" flag is refused rather than ignored, so an old client learns why its dossiers
    /// stopped being marked verified.</summary>
    public static async Task<PopulationFacts?> ConfirmIdentityAsync(IPopulationVerifications verifications, bool? postedFlag, Guid? verificationId,
        ApplicantInput? applicant, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(verifications);
        if (postedFlag == true) throw new DomainException(PopulationVerificationRules.PostedFlagRefused);
        if (verificationId is not { } id) return null;
        if (applicant is null) throw new DomainException("Chưa nhập thông tin người nộp hồ sơ.");
        return await verifications.ConfirmAsync(id, applicant.IdNumber?.Trim() ?? "", actor, ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/desk", (Request request, Handler handler, CurrentUser user,
                [FromHeader(Name = ReceptionKey.Header)] string? idempotencyKey, CancellationToken ct) =>
                ReceiveAsync(request, [], handler, user, idempotencyKey, ct))
            .RequireAuthorization(nameof(OfficialRole.DeskOfficial))
            .WithSummary("Tiếp nhận hồ sơ trực tiếp (kênh 1) hoặc qua bưu chính (kênh 3).")
            .WithDescription($"Tiêu đề {ReceptionKey.Header} (tùy chọn, khuyến nghị): gửi lại yêu cầu với cùng khóa trả về đúng hồ sơ đã tiếp nhận, không tạo hồ sơ thứ hai. " +
                             $"Kèm bản quét: gửi cùng địa chỉ dạng multipart/form-data, phần \"{DossierPart}\" chứa yêu cầu JSON như trên, " +
                             $"mỗi tệp bản quét là một phần tên \"{ScanPartPrefix}{{mã thành phần}}\" (PDF, JPEG, PNG; tối đa {InputLimits.Files} tệp mỗi thành phần). " +
                             "Thành phần có bản quét được đánh dấu đã số hóa; một tệp bị từ chối thì không hồ sơ nào được tiếp nhận.")
            .AddOpenApiOperationTransformer(DescribeScans)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // The same operation with its scans: told apart from the JSON request by the Content-Type (one address, one
        // row of the OpenAPI document, which lists both bodies).
        group.MapPost("/desk", async Task<Results<Created<Response>, ValidationProblem>> (IFormCollection form, Handler handler, CurrentUser user,
                IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, [FromHeader(Name = ReceptionKey.Header)] string? idempotencyKey, CancellationToken ct) =>
            {
                var (request, scans, problem) = ReadForm(form, json.Value.SerializerOptions);
                return problem is not null ? problem : await ReceiveAsync(request!, scans, handler, user, idempotencyKey, ct);
            })
            .Accepts<Request>("multipart/form-data")
            // A request without a Content-Type fits both; it goes to the JSON endpoint, which refuses it as before
            // (with equal orders the two were ambiguous: a 500).
            .WithOrder(1)
            .RequireAuthorization(nameof(OfficialRole.DeskOfficial))
            // Bearer-token clients send no antiforgery token; the office cookie is SameSite=Lax, so no other site posts with it.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes)
            .ExcludeFromDescription();
    }

    private static async Task<Results<Created<Response>, ValidationProblem>> ReceiveAsync(Request request, IReadOnlyList<Scan> scans, Handler handler,
        CurrentUser user, string? idempotencyKey, CancellationToken ct)
    {
        if (request.Channel == Channel.Online)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = ["Kênh tiếp nhận tại quầy chỉ có thể là trực tiếp (1) hoặc bưu chính (3)."] });
        if (ReceptionKey.Problem(idempotencyKey) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ReceptionKey.Header] = [problem] });
        // A repeat answers exactly as the first request did: 201 with the same dossier.
        var dossier = await handler.HandleAsync(request, user.As(OfficialRole.DeskOfficial), ct, idempotencyKey, scans);
        return TypedResults.Created($"/api/dossiers/{dossier.Id}",
            new Response(dossier.Id, dossier.Code!, dossier.LookupCode, dossier.ReceivedAtUtc!.Value, dossier.DueAtUtc!.Value, dossier.FeesOwed));
    }

    /// <summary>The request and the scans of a multipart reception. The request part is read by the same rules as the
    /// JSON body (Infrastructure/InputRules.cs), and its problems are named under "dossier."; a part that is neither
    /// is refused rather than ignored, so a misnamed scan is never silently left out of the dossier.</summary>
    private static (Request? Request, List<Scan> Scans, ValidationProblem? Problem) ReadForm(
        IFormCollection form, JsonSerializerOptions options)
    {
        static ValidationProblem Problem(string field, string message) =>
            TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

        var scans = new List<Scan>();
        foreach (var part in form.Files.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!part.Key.StartsWith(ScanPartPrefix, StringComparison.Ordinal) || part.Key.Length == ScanPartPrefix.Length)
                return (null, scans, Problem(part.Key,
                    $"Phần tệp \"{part.Key}\" (tệp \"{part.First().FileName}\") không hợp lệ: mỗi tệp bản quét phải được gửi trong phần tên \"{ScanPartPrefix}{{mã thành phần}}\", ví dụ \"{ScanPartPrefix}TK\"."));
            scans.Add(new Scan(part.Key[ScanPartPrefix.Length..], part.ToList()));
        }
        var unknown = form.Keys.FirstOrDefault(k => k != DossierPart);
        if (unknown is not null)
            return (null, scans, Problem(unknown, $"Phần \"{unknown}\" không được hỗ trợ: chỉ gửi phần \"{DossierPart}\" (yêu cầu JSON) và các phần tệp \"{ScanPartPrefix}{{mã thành phần}}\"."));

        // Sent as a text field (curl -F "dossier=<yeu-cau.json;type=application/json" sends the file's text).
        var text = form.TryGetValue(DossierPart, out var value) && value.Count == 1 ? value[0] : null;
        if (string.IsNullOrWhiteSpace(text))
            return (null, scans, Problem(DossierPart, $"Thiếu phần \"{DossierPart}\": một phần duy nhất chứa yêu cầu tiếp nhận dạng JSON, như khi gửi application/json."));
        try
        {
            var request = JsonSerializer.Deserialize<Request>(text, options);
            return request is null
                ? (null, scans, Problem(DossierPart, $"Phần \"{DossierPart}\" phải là một đối tượng JSON ({{ ... }})."))
                : (request, scans, null);
        }
        catch (JsonException e)
        {
            var problem = JsonProblem.Of(e, typeof(Request));
            var field = problem.Field is null ? DossierPart : $"{DossierPart}.{problem.Field}";
            return (null, scans, Problem(field, $"Phần \"{DossierPart}\": {problem.Detail}"));
        }
    }

    /// <summary>Adds the multipart body to the one documented operation (the multipart endpoint itself is left out of the
    /// document: one path and method is one operation there).</summary>
    private static Task DescribeScans(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("application/json", out var json)) return Task.CompletedTask;
        content["multipart/form-data"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { DossierPart },
                Properties = new Dictionary<string, IOpenApiSchema> { [DossierPart] = json.Schema! },
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    Description = $"Các tệp bản quét của một thành phần, phần tên \"{ScanPartPrefix}{{mã thành phần}}\".",
                },
            },
            Encoding = new Dictionary<string, OpenApiEncoding> { [DossierPart] = new() { ContentType = "application/json" } },
        };
        return Task.CompletedTask;
    }
}
