using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Citizen.Dossiers;

/// <summary>The words and formats the citizen's pages (my dossiers, the data store, the public lookup) put on
/// values, in one place so the three say the same thing.</summary>
public static class TrackingDisplay
{
    public const string Dash = "—";

    public static string Time(DateTime? utc) =>
        utc is { } t ? VietnamTime.ToLocal(t).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : Dash;

    public static string Date(DateTime? utc) => utc is { } t ? VietnamTime.FormatDate(t) : Dash;

    /// <summary>A finished dossier was settled late; a running one is past its date.</summary>
    public static string LateWord(DossierStatus status) =>
        status is DossierStatus.Decided or DossierStatus.Returned ? "Trễ hạn" : "Quá hạn";

    /// <summary>A paper result returned electronically reached the citizen as its signed electronic copy, not as paper.</summary>
    public static string ResultKind(bool isElectronic, ReturnMethod? returned) =>
        isElectronic ? "Bản điện tử" : returned == ReturnMethod.Electronic ? "Bản điện tử (bản ký số của kết quả)" : "Bản giấy";

    public static string DossierUrl(string code) => "/ho-so-cua-toi/" + Uri.EscapeDataString(code);

    public static string FileUrl(string code, Guid fileId) => $"{DossierUrl(code)}/tep/{fileId}";

    public static string KindName(CitizenDocumentKind kind) => kind switch
    {
        CitizenDocumentKind.Component => "Giấy tờ đã số hóa",
        CitizenDocumentKind.Result => "Kết quả giải quyết thủ tục",
        CitizenDocumentKind.CertifiedCopy => "Bản sao điện tử có chứng thực",
        _ => kind.ToString(),
    };

    public static string Validity(ListMyDocuments.Item d) => d.ValidUntilUtc switch
    {
        null => "Không thời hạn",
        { } until when d.IsValid => $"Còn hiệu lực (đến {Date(until)})",
        { } until => $"Hết hiệu lực từ {Date(until)}",
    };

    /// <summary>Pages are numbered "trang" in the query string: "page" is the Razor Pages route key.</summary>
    public static string PageUrl(string path, int page, string? extra = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(extra)) query.Add(extra);
        if (page > 1) query.Add("trang=" + page.ToString(CultureInfo.InvariantCulture));
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    /// <summary>A citizen's file as a download under the name it was attached with (Vietnamese names go in the
    /// RFC 6266 <c>filename*</c> form). Personal papers: nothing is cached on the way, and the type is not sniffed.</summary>
    public static FileStreamResult Download(PageModel page, GetMyFile.Download download, FileStore store)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(download.FileName);
        page.Response.Headers.ContentDisposition = disposition.ToString();
        page.Response.Headers.CacheControl = "private, no-store";
        page.Response.Headers.XContentTypeOptions = "nosniff";
        var stored = download.Stored ?? throw new ArgumentException("The file is kept by another system.", nameof(download));
        return new FileStreamResult(store.OpenRead(stored), stored.ContentType);
    }
}
