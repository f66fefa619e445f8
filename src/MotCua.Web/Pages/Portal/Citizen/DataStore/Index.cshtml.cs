using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Tracking;

namespace MotCua.Web.Pages.Portal.Citizen.DataStore;

/// <summary>Kho dữ liệu: the citizen's digitized papers and results, filterable by kind.</summary>
public sealed class IndexModel(ListMyDocuments.Handler list, CitizenDossiers citizens, MotCua.Web.Infrastructure.AppDbContext db) : PageModel
{
    public ListMyDocuments.Page Documents { get; private set; } = new([], null, 1, 1, 0);
    public bool Verified { get; private set; }

    /// <summary>The filter as the query string says it: "giay-to" or "ket-qua"; anything else shows everything.</summary>
    public static readonly IReadOnlyList<(string Key, CitizenDocumentKind? Kind, string Name)> Filters =
    [
        ("", null, "Tất cả"),
        ("giay-to", CitizenDocumentKind.Component, "Giấy tờ đã số hóa"),
        ("ket-qua", CitizenDocumentKind.Result, "Kết quả giải quyết"),
        ("ban-sao-chung-thuc", CitizenDocumentKind.CertifiedCopy, "Bản sao có chứng thực"),
    ];

    public string Filter { get; private set; } = "";

    public async Task OnGetAsync(string? loai, int? trang, CancellationToken ct)
    {
        var filter = Filters.FirstOrDefault(f => f.Key == loai, Filters[0]);
        Filter = filter.Key;
        Documents = await list.HandleAsync(filter.Kind, trang ?? 1, ct);
        Verified = (await citizens.AccountAsync(ct)).OwnsIdNumber;
        var ids = Documents.Items.Select(d => d.Id).ToList();
        var rows = await (from d in db.CitizenDocuments
                          where ids.Contains(d.Id)
                          join s in db.Set<Features.Signatures.FileSignature>() on d.StoredFileId equals s.StoredFileId
                          select new { d.Id, Signature = s }).AsNoTracking().ToListAsync(ct);
        Signatures = rows.ToDictionary(r => r.Id, r => r.Signature);
    }

    /// <summary>The signature status of the documents' signed PDFs, by document (docs/adr/0033a).</summary>
    public IReadOnlyDictionary<Guid, Features.Signatures.FileSignature> Signatures { get; private set; } = new Dictionary<Guid, Features.Signatures.FileSignature>();
}
