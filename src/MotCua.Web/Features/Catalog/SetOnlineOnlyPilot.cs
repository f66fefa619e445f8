using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>The province's list of procedures accepted online only (thí điểm chỉ tiếp nhận trực tuyến): each
/// procedure whose flag changes gets a new version, so dossiers already received at the desk keep theirs.</summary>
public static class SetOnlineOnlyPilot
{
    /// <param name="Flags">The wanted flag of each procedure shown, by code; unchanged ones are left alone.</param>
    /// <param name="Decision">The decision that approved the list (it becomes each new version's decision).</param>
    public sealed record Request(IReadOnlyDictionary<string, bool> Flags, string? Decision);

    /// <param name="Changed">Codes that got a new version, in code order.</param>
    public sealed record Result(IReadOnlyList<string> Changed);

    public sealed class Handler(AppDbContext db, TimeProvider clock, AuditLog audit)
    {
        /// <exception cref="DomainException">Some procedure cannot take the change; the message names each one and
        /// nothing was saved.</exception>
        public async Task<Result> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var flags = request.Flags.ToDictionary(f => f.Key.Trim(), f => f.Value, StringComparer.Ordinal);
            var codes = flags.Keys.ToList();
            var current = await db.Procedures.AsNoTracking()
                .Where(p => codes.Contains(p.Code))
                .Select(p => new { p.Code, Pilot = db.ProcedureVersions.Where(v => v.Id == p.CurrentVersionId).Select(v => v.OnlineOnlyPilot).Single() })
                .ToDictionaryAsync(x => x.Code, x => x.Pilot, StringComparer.Ordinal, ct);
            var problems = codes.Where(c => !current.ContainsKey(c)).Select(c => $"Không có thủ tục mã {c}.").ToList();
            var changed = codes.Where(c => current.TryGetValue(c, out var pilot) && pilot != flags[c]).Order(StringComparer.Ordinal).ToList();
            if (changed.Count == 0 && problems.Count == 0) return new Result([]);

            var decision = Text.NormalizeOrNull(request.Decision);
            if (decision is null) problems.Insert(0, "Hãy nhập số, ký hiệu quyết định phê duyệt danh sách (ví dụ: Quyết định số 1234/QĐ-UBND).");
            else if (decision.Length > PublishProcedureVersion.MaxDecisionLength)
                problems.Insert(0, $"Quyết định tối đa {PublishProcedureVersion.MaxDecisionLength} ký tự.");

            var procedures = await db.Procedures.Include(p => p.Versions).Where(p => changed.Contains(p.Code)).ToListAsync(ct);
            var contents = new List<(Procedure Procedure, ProcedureContent Content)>();
            foreach (var procedure in procedures.OrderBy(p => p.Code, StringComparer.Ordinal))
            {
                var content = procedure.Versions.Single(v => v.Id == procedure.CurrentVersionId).Content with { OnlineOnlyPilot = flags[procedure.Code] };
                try
                {
                    content.Validate();
                    contents.Add((procedure, content));
                }
                catch (DomainException e)
                {
                    problems.Add($"{procedure.Code}: {e.Message}");
                }
            }
            if (problems.Count > 0) throw new DomainException($"Chưa lưu danh sách. {string.Join(" ", problems)}");

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var (procedure, content) in contents)
            {
                var before = procedure.Versions.Single(v => v.Id == procedure.CurrentVersionId).Number;
                var version = procedure.Publish(content, now, decision);
                audit.Record(AuditKind.OnlineOnlyPilotChanged, nameof(Procedure), procedure.Code,
                    content.OnlineOnlyPilot
                        ? $"Đưa thủ tục {procedure.Code} {content.Name} vào danh sách chỉ tiếp nhận trực tuyến theo {decision} (phiên bản {version.Number})."
                        : $"Đưa thủ tục {procedure.Code} {content.Name} ra khỏi danh sách chỉ tiếp nhận trực tuyến theo {decision} (phiên bản {version.Number}).",
                    new { OnlineOnlyPilot = !content.OnlineOnlyPilot, Version = before },
                    new { content.OnlineOnlyPilot, Version = version.Number, Decision = decision });
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw new DomainException("Một số thủ tục vừa được công bố phiên bản mới cùng lúc. Hãy mở lại trang rồi lưu lại.");
            }
            return new Result(changed);
        }
    }
}
