using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>An administrator publishes a new version of a procedure after a publishing decision (quyết định công
/// bố): the whole content is checked, then added as an immutable version. Dossiers already received keep the
/// version they were received under.</summary>
public static class PublishProcedureVersion
{
    // Column sizes of Procedure and ProcedureVersion (as the catalog import checks them): SQLite would accept
    // longer text, PostgreSQL would not.
    public const int MaxDecisionLength = 200;
    public const int MaxNameLength = 500;
    public const int MaxFieldCodeLength = 60;

    /// <param name="EffectiveDate">Local date from which the version applies.</param>
    /// <param name="BasedOnVersion">The version number the administrator edited: if another version was published
    /// meanwhile, publishing is refused rather than silently undoing it.</param>
    public sealed record Request(string Code, ProcedureContent Content, DateOnly EffectiveDate, string? Decision, int BasedOnVersion);

    /// <summary>Reads the content typed in the editor with the catalog file's strict rules (unknown properties,
    /// enums as numbers and missing values are errors, not silently dropped).</summary>
    /// <exception cref="DomainException">The text is not a procedure's content; the message says where.</exception>
    public static ProcedureContent ReadContent(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw new DomainException("Hãy nhập nội dung đầy đủ của thủ tục (JSON).");
        try
        {
            return JsonSerializer.Deserialize<ProcedureContent>(json, CatalogJson.ReadOptions)
                   ?? throw new DomainException("Nội dung thủ tục (JSON) phải là một đối tượng, không phải null.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (dòng {line + 1}{(e.Path is { } path ? $", vị trí {path}" : "")})" : "";
            throw new DomainException(
                $"Nội dung thủ tục không đúng định dạng JSON{where}. Kiểm tra cú pháp, tên trường và giá trị rồi lưu lại; chưa có thay đổi nào được lưu.");
        }
    }

    /// <summary>The content as the editor shows it: the catalog file's format, indented, Vietnamese as is.</summary>
    public static string WriteContent(ProcedureContent content) => JsonSerializer.Serialize(content, CatalogJson.WriteOptions);

    public sealed class Handler(AppDbContext db, TimeProvider clock, AuditLog audit)
    {
        /// <returns>The new version, or null when no procedure has this code.</returns>
        /// <exception cref="DomainException">Every problem at once; nothing was saved.</exception>
        public async Task<ProcedureVersion?> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var code = request.Code?.Trim() ?? "";
            var procedure = await db.Procedures.Include(p => p.Versions).SingleOrDefaultAsync(p => p.Code == code, ct);
            if (procedure is null) return null;
            var current = procedure.Versions.Single(v => v.Id == procedure.CurrentVersionId);

            var now = clock.GetUtcNow().UtcDateTime;
            var today = VietnamTime.Today(clock);
            var currentDate = DateOnly.FromDateTime(VietnamTime.ToLocal(current.EffectiveFromUtc));
            var decision = Text.NormalizeOrNull(request.Decision);
            var problems = new List<string>();
            if (current.Number != request.BasedOnVersion)
                problems.Add($"Trong lúc bạn sửa, phiên bản {current.Number} đã được công bố. Hãy mở lại trang để sửa trên nội dung mới nhất.");
            if (decision is null) problems.Add("Hãy nhập số, ký hiệu quyết định công bố (ví dụ: Quyết định số 1234/QĐ-UBND).");
            else if (decision.Length > MaxDecisionLength) problems.Add($"Quyết định công bố tối đa {MaxDecisionLength} ký tự.");
            // The version becomes current as soon as it is saved (there is no scheduled version), so a date in
            // the future would say the previous one applied to dossiers that this one will govern.
            if (request.EffectiveDate > today)
                problems.Add($"Ngày hiệu lực {Format(request.EffectiveDate)} chưa đến: phiên bản mới áp dụng ngay khi lưu, hãy công bố khi quyết định có hiệu lực.");
            else if (request.EffectiveDate < currentDate)
                problems.Add($"Ngày hiệu lực không được trước ngày hiệu lực của phiên bản hiện hành ({Format(currentDate)}).");
            problems.AddRange(ShapeProblems(request.Content));
            if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));

            var content = request.Content with { Name = Text.Normalize(request.Content.Name) };
            content.Validate();
            if (CatalogJson.Canonical(content) == CatalogJson.Canonical(current.Content))
                throw new DomainException("Nội dung không khác phiên bản hiện hành nên không công bố phiên bản mới.");

            // Today means now, so that the history reads in the order things happened; a past date (a decision
            // entered late) means that day's start, never before the version it replaces.
            var effective = request.EffectiveDate == today ? now : VietnamTime.ToUtc(request.EffectiveDate.ToDateTime(TimeOnly.MinValue));
            if (effective < current.EffectiveFromUtc) effective = current.EffectiveFromUtc;
            var version = procedure.Publish(content, effective, decision);
            audit.Record(AuditKind.ProcedureVersionPublished, nameof(Procedure), procedure.Code,
                $"Công bố phiên bản {version.Number} của thủ tục {procedure.Code} {content.Name} theo {decision}.",
                new { Version = current.Number, VersionId = current.Id },
                new { Version = version.Number, VersionId = version.Id, Decision = decision, EffectiveFromUtc = effective, Changed = CatalogJson.ChangedFields(current.Content, content) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The unique (procedure, number) index: someone published the same number at the same moment.
                throw new DomainException("Một phiên bản khác của thủ tục vừa được công bố cùng lúc. Hãy mở lại trang để sửa trên nội dung mới nhất.");
            }
            return version;
        }
    }

    /// <summary>What <see cref="ProcedureContent.Validate"/> takes for granted (lists and their items present,
    /// sizes that fit the columns) and hand-typed JSON can break.</summary>
    internal static IEnumerable<string> ShapeProblems(ProcedureContent? content)
    {
        if (content is null)
        {
            yield return "Thiếu nội dung thủ tục.";
            yield break;
        }
        if (content.Name?.Trim().Length > MaxNameLength) yield return $"Tên thủ tục tối đa {MaxNameLength} ký tự.";
        if (string.IsNullOrWhiteSpace(content.FieldCode)) yield return "Thiếu mã lĩnh vực.";
        else if (content.FieldCode.Length > MaxFieldCodeLength) yield return $"Mã lĩnh vực tối đa {MaxFieldCodeLength} ký tự.";
        if (content.CompetentUnitKinds is null || content.CompetentUnitKinds.Count == 0) yield return "Thiếu loại đơn vị có thẩm quyền giải quyết.";
        if (content.Components is null || content.Components.Any(c => c is null)) yield return "Danh sách thành phần hồ sơ có mục trống.";
        if (content.FormFields is null || content.FormFields.Any(f => f is null)) yield return "Danh sách trường biểu mẫu điện tử có mục trống.";
        if (content.Fees is null || content.Fees.Any(f => f is null || f.PageTiers?.Any(t => t is null) == true)) yield return "Danh sách phí, lệ phí có mục trống.";
        if (content.Workflow is null || content.Workflow.Any(s => s is null)) yield return "Quy trình nội bộ có bước trống.";
        else if (content.Workflow.Any(s => string.IsNullOrWhiteSpace(s.Name))) yield return "Bước quy trình phải có tên.";
    }

    private static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
