using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>Tính phí, lệ phí: what a procedure's current version charges for a number of copies and pages, by a channel,
/// for an exemption group — the same <see cref="FeeCalculator"/> the draft, the desk and Form 01 use. Public, like the
/// catalog: a fee schedule is disclosed information (công khai phí, lệ phí), and a quote reveals nothing else.</summary>
public static class QuoteFees
{
    /// <param name="Explanation">How the amount was computed ("2.000 ₫ × 3 bản", "Miễn: Người cao tuổi").</param>
    public sealed record Line(string Code, string Name, string Kind, long Amount, string Explanation, bool Exempted);

    /// <param name="Channel">"online" or "desk" (at the desk or by post: one price).</param>
    /// <param name="PayBeforeSubmission">Online, the fee is paid before the dossier can be submitted.</param>
    public sealed record Result(string Procedure, string Name, string Channel, int Copies, int Pages, IReadOnlyList<string> Groups,
        IReadOnlyList<Line> Lines, long Total, string TotalText, bool PayBeforeSubmission);

    public const string ChannelProblem = "Kênh nộp (channel) phải là \"online\" (trực tuyến) hoặc \"desk\" (trực tiếp, bưu chính).";

    public sealed class Handler(AppDbContext db)
    {
        /// <returns>Null when no procedure has this code.</returns>
        public async Task<ProcedureContent?> ContentAsync(string code, CancellationToken ct)
        {
            var trimmed = code?.Trim() ?? "";
            return await (from p in db.Procedures
                          join v in db.ProcedureVersions on p.CurrentVersionId equals v.Id
                          where p.Code == trimmed
                          select v.Content).AsNoTracking().SingleOrDefaultAsync(ct);
        }
    }

    public static void Map(RouteGroupBuilder procedures) =>
        procedures.MapGet("/{code}/fees", QuoteAsync)
            .WithName("QuoteFees")
            .WithSummary("Tính phí, lệ phí của thủ tục (phiên bản hiện hành) theo kênh nộp (channel=online|desk), số bản (copies), số trang mỗi bản (pages), " +
                         "đối tượng miễn (groups, mã cách nhau bởi dấu phẩy) và số bản khai trong tờ khai cho khoản thu theo tờ khai (tên trường của tờ khai, ví dụ extractCopies=2). " +
                         "Cùng cách tính với trang nộp hồ sơ, quầy tiếp nhận và Mẫu số 01.")
            .Produces<Result>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Results<Ok<Result>, ProblemHttpResult>> QuoteAsync(
        string code, HttpRequest request, [FromServices] Handler handler, CancellationToken ct,
        string? channel = null, string? copies = null, string? pages = null, string? groups = null)
    {
        var content = await handler.ContentAsync(code, ct);
        if (content is null)
            return TypedResults.Problem($"Không có thủ tục mã \"{code}\" trong danh mục. Kiểm tra lại mã, hoặc tra cứu theo tên thủ tục.",
                statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy thủ tục");

        var problems = new Dictionary<string, string[]>();
        var online = (channel?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "online" => true,
            "desk" => false,
            _ => (bool?)null,
        };
        if (online is null) problems["channel"] = [ChannelProblem];
        var copyCount = Count(copies, "copies", "Số bản", 1, problems);
        var pageCount = Count(pages, "pages", "Số trang mỗi bản", 1, problems);
        var groupCodes = (groups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (groupCodes.Count > 10) problems["groups"] = ["Tối đa 10 đối tượng miễn."];
        else if (groupCodes.Where(g => !ExemptionGroups.All.ContainsKey(g)).ToList() is { Count: > 0 } unknown)
            problems["groups"] = [$"Không có đối tượng miễn phí, lệ phí \"{string.Join(", ", unknown)}\". Các mã hợp lệ: {string.Join(", ", ExemptionGroups.All.Keys)}."];
        var declared = new Dictionary<string, int>();
        foreach (var field in content.Fees.SelectMany(f => new[] { f.CopiesField, f.PagesField }).OfType<string>().Distinct())
        {
            if (!request.Query.TryGetValue(field, out var value)) continue;
            var label = content.FormFields.FirstOrDefault(f => f.Key == field)?.Label ?? field;
            if (Count(value.ToString(), field, label, 0, problems) is { } n) declared[field] = n;
        }
        if (problems.Count > 0)
            return TypedResults.Problem(new HttpValidationProblemDetails(problems)
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Điều kiện tính phí không hợp lệ",
                Detail = string.Join(" ", problems.Values.SelectMany(v => v)),
            });

        var lines = FeeCalculator.Compute(content.Fees,
            new FeeRequest(online == true ? Dossiers.Channel.Online : Dossiers.Channel.Desk, 1, copyCount ?? 1, pageCount ?? 1, groupCodes, declared));
        var total = lines.Sum(l => l.Amount);
        return TypedResults.Ok(new Result(code.Trim(), content.Name, online == true ? "online" : "desk", copyCount ?? 1, pageCount ?? 1, groupCodes,
            [.. lines.Select(l => new Line(l.Code, l.Name, l.Kind == FeeKind.Fee ? "Lệ phí" : "Phí", l.Amount, l.Explanation, l.Exempted))],
            total, FeeCalculator.Money(total), content.PayBeforeSubmission));
    }

    /// <summary>A count from 1 (or 0 for a declared extra) to <see cref="InputLimits.Count"/>; null when absent or wrong.</summary>
    private static int? Count(string? text, string name, string label, int min, Dictionary<string, string[]> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < min || n > InputLimits.Count)
        {
            problems[name] = [$"{label} ({name}) phải là số nguyên từ {min} đến {InputLimits.Count}."];
            return null;
        }
        return n;
    }
}
