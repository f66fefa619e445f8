using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>/api/feedback: the portal's door (send, follow, rate, search what is published) and the office's (record,
/// list, read, act). Errors are ProblemDetails from the exception handler: 403 without the role, 404 outside the
/// official's units or not the sender's, 409 on a stale revision or a lost race, 422 a broken rule.</summary>
public static class FeedbackEndpoints
{
    /// <summary>An item's state after a step, as the API answers it.</summary>
    public sealed record Summary(Guid Id, string Code, FeedbackStatus Status, string StatusName, int Revision, bool? Liked);

    /// <summary>The multipart part that carries the request as JSON; each attachment is a part named <see cref="FilesPart"/>.</summary>
    public const string FeedbackPart = "feedback";
    public const string FilesPart = "files";

    /// <summary>The request of a multipart sending, read by the JSON body's rules; a part that is neither the request nor
    /// an attachment is refused rather than ignored, so a misnamed file is never silently left out.</summary>
    private static (ReceiveFeedback.Request? Request, ValidationProblem? Problem) ReadForm(IFormCollection form, System.Text.Json.JsonSerializerOptions options)
    {
        static ValidationProblem Problem(string field, string message) =>
            TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
        if (form.Files.FirstOrDefault(f => f.Name != FilesPart) is { } misnamed)
            return (null, Problem(misnamed.Name, $"Phần tệp \"{misnamed.Name}\" (tệp \"{misnamed.FileName}\") không hợp lệ: mỗi tệp đính kèm phải được gửi trong phần tên \"{FilesPart}\"."));
        if (form.Keys.FirstOrDefault(k => k != FeedbackPart) is { } unknown)
            return (null, Problem(unknown, $"Phần \"{unknown}\" không được hỗ trợ: chỉ gửi phần \"{FeedbackPart}\" (yêu cầu JSON) và các phần tệp \"{FilesPart}\"."));
        var text = form.TryGetValue(FeedbackPart, out var value) && value.Count == 1 ? value[0] : null;
        if (string.IsNullOrWhiteSpace(text))
            return (null, Problem(FeedbackPart, $"Thiếu phần \"{FeedbackPart}\": một phần duy nhất chứa phản ánh dạng JSON, như khi gửi application/json."));
        try
        {
            var request = System.Text.Json.JsonSerializer.Deserialize<ReceiveFeedback.Request>(text, options);
            return request is null ? (null, Problem(FeedbackPart, $"Phần \"{FeedbackPart}\" phải là một đối tượng JSON ({{ ... }}).")) : (request, null);
        }
        catch (System.Text.Json.JsonException e)
        {
            var problem = JsonProblem.Of(e, typeof(ReceiveFeedback.Request));
            return (null, Problem(problem.Field is null ? FeedbackPart : $"{FeedbackPart}.{problem.Field}", $"Phần \"{FeedbackPart}\": {problem.Detail}"));
        }
    }

    public static Summary SummaryOf(FeedbackItem f) => new(f.Id, f.Code, f.Status, f.Status.DisplayName(), f.Revision, f.SenderLiked);

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/feedback").WithTags("Feedback");

        // ---- the portal
        api.MapPost("/", async Task<Results<Created<ReceiveFeedback.Receipt>, ProblemHttpResult>> (
                ReceiveFeedback.Request request, HttpContext http, FeedbackDoor door, ReceiveFeedback.Handler handler, CancellationToken ct) =>
            {
                if (!door.TryEnter(http)) return TooMany();
                var receipt = await handler.FromPortalAsync(request, [], $"{http.Request.Scheme}://{http.Request.Host}", ct);
                return TypedResults.Created($"/api/feedback/track/{receipt.Code}", receipt);
            })
            .AllowAnonymous()
            .WithSummary("Gửi phản ánh, kiến nghị (công dân đã đăng nhập, hoặc ghi rõ cách liên hệ)")
            .WithDescription($"Kèm tệp: gửi cùng địa chỉ dạng multipart/form-data, phần \"{FeedbackPart}\" chứa yêu cầu JSON như trên, " +
                             $"mỗi tệp là một phần tên \"{FilesPart}\" (PDF, JPEG, PNG, Word; tối đa {ReceiveFeedback.MaxFiles} tệp). " +
                             "Một tệp bị từ chối thì phản ánh không được ghi nhận.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // The same operation with attachments, told apart by the Content-Type (as the desk's reception with its scans).
        api.MapPost("/", async Task<Results<Created<ReceiveFeedback.Receipt>, ValidationProblem, ProblemHttpResult>> (
                IFormCollection form, HttpContext http, FeedbackDoor door, ReceiveFeedback.Handler handler,
                Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
            {
                if (!door.TryEnter(http)) return TooMany();
                var (request, problem) = ReadForm(form, json.Value.SerializerOptions);
                if (problem is not null) return problem;
                var receipt = await handler.FromPortalAsync(request!, [.. form.Files], $"{http.Request.Scheme}://{http.Request.Host}", ct);
                return TypedResults.Created($"/api/feedback/track/{receipt.Code}", receipt);
            })
            .Accepts<ReceiveFeedback.Request>("multipart/form-data")
            .WithOrder(1)
            .AllowAnonymous()
            // A public door without cookies' authority: a signed-in citizen's cookie is SameSite=Lax, so no other site posts with it.
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ReceiveFeedback.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ReceiveFeedback.MaxUploadBytes)
            .ExcludeFromDescription();

        api.MapGet("/mine", async Task<Ok<List<SenderFeedback.View>>> (CurrentUser user, AppDbContext db, SenderFeedback sender, CancellationToken ct) =>
            {
                var account = await user.CitizenAsync(ct);
                var codes = await db.Set<FeedbackItem>().AsNoTracking().Where(f => f.CitizenAccountId == account.Id)
                    .OrderByDescending(f => f.ReceivedAtUtc).Select(f => f.Code).Take(100).ToListAsync(ct);
                var views = new List<SenderFeedback.View>();
                foreach (var code in codes) views.Add(await sender.GetAsync(code, null, ct));
                return TypedResults.Ok(views);
            })
            .RequireAuthorization(IdentitySetup.CitizenPolicy)
            .WithSummary("Phản ánh, kiến nghị của tôi");

        api.MapGet("/track/{code}", async Task<Ok<SenderFeedback.View>> (string code, string? key, SenderFeedback sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.GetAsync(code, key, ct)))
            .AllowAnonymous()
            .WithSummary("Người gửi theo dõi phản ánh, kiến nghị (tài khoản đã gửi, hoặc khóa nhận khi gửi)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/track/{code}/rating", async Task<Ok<Summary>> (string code, SenderFeedback.RateRequest request, SenderFeedback sender, CancellationToken ct) =>
                TypedResults.Ok(SummaryOf(await sender.RateAsync(code, request, ct))))
            .AllowAnonymous()
            .WithSummary("Người gửi đánh giá kết quả trả lời (hài lòng / không hài lòng)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/track/{code}/information", async Task<Ok<Summary>> (string code, SenderFeedback.InfoRequest request, SenderFeedback sender, CancellationToken ct) =>
                TypedResults.Ok(SummaryOf(await sender.ProvideInfoAsync(code, request, ct))))
            .AllowAnonymous()
            .WithSummary("Người gửi bổ sung thông tin theo đề nghị")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/published", async Task<Ok<PublishedFeedback.SearchResult>> (string? q, int? page, PublishedFeedback published, CancellationToken ct) =>
                TypedResults.Ok(await published.SearchAsync(q, page, ct)))
            .AllowAnonymous()
            .WithSummary("Tra cứu kết quả trả lời phản ánh, kiến nghị đã công khai");

        api.MapGet("/published/{code}", async Task<Ok<PublishedFeedback.Entry>> (string code, PublishedFeedback published, CancellationToken ct) =>
                TypedResults.Ok(await published.GetAsync(code, ct)))
            .AllowAnonymous()
            .WithSummary("Một kết quả trả lời đã công khai")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // ---- the office
        var office = api.MapGroup("").RequireAuthorization(IdentitySetup.OfficialPolicy);

        office.MapPost("/recorded", async Task<Created<ReceiveFeedback.Receipt>> (
                ReceiveFeedback.RecordRequest request, HttpContext http, ReceiveFeedback.Handler handler, CancellationToken ct) =>
            {
                var receipt = await handler.RecordAsync(request, [], $"{http.Request.Scheme}://{http.Request.Host}", ct);
                return TypedResults.Created($"/api/feedback/{receipt.Id}", receipt);
            })
            .WithSummary("Ghi nhận phản ánh, kiến nghị qua Tổng đài 1022, thư hoặc trực tiếp")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        office.MapGet("/", async Task<Ok<OfficeFeedback.ListResult>> (
                    FeedbackStatus? status, bool? late, FeedbackCategory? category, FeedbackChannel? channel, string? q, int? page,
                    OfficeFeedback reads, CancellationToken ct) =>
                TypedResults.Ok(await reads.ListAsync(new OfficeFeedback.Filter(status, late, category, channel, q, page), ct)))
            .WithSummary("Danh sách phản ánh, kiến nghị của đơn vị, với hạn xử lý")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        office.MapGet("/{id:guid}", async Task<Ok<OfficeFeedback.Item>> (Guid id, OfficeFeedback reads, CancellationToken ct) =>
                TypedResults.Ok(await reads.GetAsync(id, ct)))
            .WithSummary("Một phản ánh, kiến nghị với lịch sử xử lý")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        Act(office, "refuse", "Từ chối tiếp nhận", (h, id, r, ct) => h.RefuseAsync(id, r, ct));
        Act(office, "request-info", "Đề nghị người gửi bổ sung thông tin", (h, id, r, ct) => h.RequestInfoAsync(id, r, ct));
        Act(office, "provide-info", "Ghi nhận thông tin người gửi bổ sung", (h, id, r, ct) => h.ProvideInfoAsync(id, r, ct));
        Act(office, "transfer", "Chuyển cơ quan có thẩm quyền (thời hạn tính lại từ lần chuyển cuối)", (h, id, r, ct) => h.TransferAsync(id, r, ct));
        Act(office, "answer", "Trả lời phản ánh, kiến nghị", (h, id, r, ct) => h.AnswerAsync(id, r, ct));
        Act(office, "publish", "Công khai kết quả trả lời (đã che thông tin cá nhân)", (h, id, r, ct) => h.PublishAsync(id, r, ct));
        return app;
    }

    private static void Act(RouteGroupBuilder office, string action, string summary,
        Func<HandleFeedback.Handler, Guid, HandleFeedback.Request, CancellationToken, Task<FeedbackItem>> handle) =>
        office.MapPost($"/{{id:guid}}/{action}", async Task<Ok<Summary>> (Guid id, HandleFeedback.Request request, HandleFeedback.Handler handler, CancellationToken ct) =>
                TypedResults.Ok(SummaryOf(await handle(handler, id, request, ct))))
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static ProblemHttpResult TooMany() =>
        TypedResults.Problem(WebSecurity.TooManyRequests, statusCode: StatusCodes.Status429TooManyRequests, title: "Quá nhiều yêu cầu");
}
