using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>Loads a catalog file (the seed, another system's export, a province's revision): new procedures
/// are created, changed ones get a new version, identical ones are left alone, so importing the same file
/// twice changes nothing.</summary>
public static class ImportCatalog
{
    private const string SeedResourceSuffix = ".Features.Catalog.seed-catalog.json";

    // Column sizes of Procedure and ProcedureVersion: SQLite would accept longer text, PostgreSQL would not,
    // so the import checks them itself and the same file behaves the same on both.
    private const int MaxDecisionLength = 200;
    private const int MaxNameLength = 500;
    private const int MaxFieldCodeLength = 60;

    public sealed record Result(int Created, int NewVersions, int Unchanged)
    {
        public override string ToString() =>
            $"{Created} thủ tục mới, {NewVersions} phiên bản mới, {Unchanged} thủ tục không thay đổi";
    }

    /// <summary>The catalog shipped with the application (<c>seed-catalog.json</c>): real commune-level procedures
    /// for demos and first installs. Values marked [u] in it are not checked against the legal texts.</summary>
    public static IReadOnlyList<CatalogEntry> LoadSeed()
    {
        var assembly = typeof(ImportCatalog).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(SeedResourceSuffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                "seed-catalog.json is not embedded: add <EmbeddedResource Include=\"Features/Catalog/seed-catalog.json\" /> to MotCua.Web.csproj.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        return CatalogJson.Read(stream);
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock, AuditLog audit)
    {
        /// <exception cref="DomainException">Some entry is invalid; the message names every one and nothing was saved.</exception>
        public async Task<Result> HandleAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(entries);
            var incoming = Prepare(entries);
            var codes = incoming.Select(e => e.Code).ToList();

            // Only the current version's content is needed to tell what changed; full procedures (with every
            // version, which Publish needs to number the next one) are loaded for the changed ones only.
            var current = await db.Procedures.AsNoTracking()
                .Where(p => codes.Contains(p.Code))
                .Select(p => new
                {
                    p.Code,
                    Content = db.ProcedureVersions.Where(v => v.Id == p.CurrentVersionId).Select(v => v.Content).FirstOrDefault(),
                })
                .ToDictionaryAsync(x => x.Code, x => x.Content, StringComparer.Ordinal, ct);

            var now = clock.GetUtcNow().UtcDateTime;
            var created = new List<string>();
            var unchanged = 0;
            var changed = new List<Prepared>();
            foreach (var entry in incoming)
            {
                if (!current.TryGetValue(entry.Code, out var content))
                {
                    var procedure = new Procedure(Guid.CreateVersion7(), entry.Code);
                    procedure.Publish(entry.Content, now, entry.Decision);
                    db.Procedures.Add(procedure);
                    created.Add(entry.Code);
                }
                else if (content is not null && CatalogJson.Canonical(content) == entry.Canonical)
                {
                    unchanged++;
                }
                else
                {
                    changed.Add(entry);
                }
            }

            if (changed.Count > 0)
            {
                var changedCodes = changed.Select(e => e.Code).ToList();
                var procedures = await db.Procedures.Include(p => p.Versions)
                    .Where(p => changedCodes.Contains(p.Code))
                    .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
                foreach (var entry in changed)
                {
                    procedures[entry.Code].Publish(entry.Content, now, entry.Decision);
                }
            }

            var result = new Result(created.Count, changed.Count, unchanged);
            // One entry for the file: the versions themselves say what each procedure became.
            audit.Record(AuditKind.CatalogImported, "Catalog", null, $"Nhập danh mục thủ tục: {result}.",
                after: new { Created = created, NewVersions = changed.Select(e => e.Code).ToList(), Unchanged = unchanged });
            await db.SaveChangesAsync(ct);
            return result;
        }
    }

    private sealed record Prepared(string Code, string? Decision, ProcedureContent Content, string Canonical);

    /// <summary>Checks every entry before anything is written, and reports all the problems at once so that
    /// whoever fixes the file does not discover them one import at a time.</summary>
    private static List<Prepared> Prepare(IReadOnlyList<CatalogEntry> entries)
    {
        if (entries.Count == 0) throw new DomainException("Tệp danh mục không có thủ tục nào.");
        var problems = new List<string>();
        var prepared = new List<Prepared>(entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var label = entry?.Code is { } rawCode ? $"Mục {i + 1} (mã {rawCode})" : $"Mục {i + 1}";
            try
            {
                if (entry is null) throw new DomainException("mục trống.");
                var code = ProcedureCode.Parse(entry.Code);
                if (!seen.Add(code)) throw new DomainException($"mã thủ tục {code} xuất hiện nhiều lần trong tệp.");
                if (entry.Content is null) throw new DomainException("thiếu nội dung thủ tục (content).");
                var decision = Text.NormalizeOrNull(entry.Decision);
                if (decision?.Length > MaxDecisionLength)
                    throw new DomainException($"số, ký hiệu quyết định công bố dài quá {MaxDecisionLength} ký tự.");
                var content = CheckShape(entry.Content);
                content.Validate();
                prepared.Add(new Prepared(code, decision, content, CatalogJson.Canonical(content)));
            }
            catch (DomainException e)
            {
                problems.Add($"{label}: {e.Message}");
            }
        }
        if (problems.Count > 0)
            throw new DomainException(
                $"Chưa nhập danh mục vì {problems.Count} mục chưa hợp lệ; sửa các mục sau rồi nhập lại. {string.Join(" ", problems)}");
        return prepared;
    }

    /// <summary>What <see cref="ProcedureContent.Validate"/> takes for granted (lists and their items present,
    /// sizes that fit the columns), checked here because a file can break it. Returns the content as it will
    /// be stored: the name in NFC, as <see cref="ProcedureVersion"/> keeps it, so that comparing with the
    /// current version does not see a difference in Unicode form only.</summary>
    private static ProcedureContent CheckShape(ProcedureContent content)
    {
        var problems = new List<string>();
        if (content.Name?.Length > MaxNameLength) problems.Add($"tên thủ tục dài quá {MaxNameLength} ký tự");
        if (string.IsNullOrWhiteSpace(content.FieldCode)) problems.Add("thiếu mã lĩnh vực");
        else if (content.FieldCode.Length > MaxFieldCodeLength) problems.Add($"mã lĩnh vực dài quá {MaxFieldCodeLength} ký tự");
        if (content.CompetentUnitKinds is null || content.CompetentUnitKinds.Count == 0) problems.Add("thiếu loại đơn vị có thẩm quyền giải quyết");
        if (content.Components is null || content.Components.Any(c => c is null)) problems.Add("danh sách thành phần hồ sơ có mục trống");
        if (content.FormFields is null || content.FormFields.Any(f => f is null)) problems.Add("danh sách trường biểu mẫu điện tử có mục trống");
        if (content.Fees is null || content.Fees.Any(f => f is null || f.PageTiers?.Any(t => t is null) == true))
            problems.Add("danh sách phí, lệ phí có mục trống");
        if (content.Workflow is null || content.Workflow.Any(s => s is null)) problems.Add("quy trình nội bộ có bước trống");
        else if (content.Workflow.Any(s => string.IsNullOrWhiteSpace(s.Name))) problems.Add("bước quy trình phải có tên");
        if (problems.Count > 0)
            throw new DomainException($"Thủ tục \"{content.Name}\" chưa hợp lệ: {string.Join("; ", problems)}.");
        return string.IsNullOrWhiteSpace(content.Name) ? content : content with { Name = Text.Normalize(content.Name) };
    }
}
