using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Pages.Portal.Catalog;

/// <summary>How the public catalog names the catalog's values.</summary>
public static class CatalogText
{
    public static string OnlineLevelBadge(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "Trực tuyến toàn trình",
        OnlineLevel.Partial => "Trực tuyến một phần",
        _ => "Không trực tuyến",
    };

    public static string OnlineLevelOption(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "Toàn trình",
        OnlineLevel.Partial => "Một phần",
        _ => "Không cung cấp trực tuyến",
    };

    public static string OnlineLevelClass(OnlineLevel level) => level switch
    {
        OnlineLevel.Full => "badge full",
        OnlineLevel.Partial => "badge partial",
        _ => "badge none",
    };

    public const string PilotBadge = "Chỉ tiếp nhận trực tuyến";

    public static string ComponentForm(ComponentForm form) => form switch
    {
        Features.Catalog.ComponentForm.Original => "Bản chính",
        Features.Catalog.ComponentForm.Copy => "Bản sao",
        Features.Catalog.ComponentForm.CertifiedCopy => "Bản sao có chứng thực hoặc bản sao điện tử có chứng thực",
        Features.Catalog.ComponentForm.OriginalToShow => "Bản chính để đối chiếu (không nộp lại)",
        _ => form.ToString(),
    };

    public static string Level(ProcedureLevel level) => level switch
    {
        ProcedureLevel.Commune => "Cấp xã",
        ProcedureLevel.District => "Cấp huyện",
        ProcedureLevel.Province => "Cấp tỉnh",
        ProcedureLevel.Ministry => "Cấp bộ, ngành trung ương",
        _ => level.ToString(),
    };

    /// <summary>Free text of the catalog (steps, conditions) keeps its line breaks as paragraphs.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
