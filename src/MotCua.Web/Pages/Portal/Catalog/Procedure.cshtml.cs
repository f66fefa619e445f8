using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Pages.Portal.Catalog;

/// <summary>One procedure as published now (công khai thủ tục hành chính): what a citizen needs to prepare, pay,
/// expect and where to go, and the way in to submit online.</summary>
public sealed class ProcedureModel(GetProcedure.Handler procedures) : PageModel
{
    public GetProcedure.Result Procedure { get; private set; } = null!;
    /// <summary>Set when no procedure has the code asked for.</summary>
    public string? MissingCode { get; private set; }
    public ProcedureContent Current => Procedure.Content;
    public IReadOnlyList<FeeDescription> Fees { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var found = await procedures.HandleAsync(code, ct);
        if (found is null)
        {
            // A 404 with the page's own message (which code, and a way to search). The pipeline's plain status-code
            // answer would otherwise come before the shared status page for a bare NotFound().
            MissingCode = code;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Procedure = found with { Content = CatalogText.ForPublic(found.Content), Decision = CatalogText.PublicDecision(found.Decision) };
        Fees = [.. Procedure.Content.Fees.Select(FeeDescription.Of)];
        return Page();
    }

    public bool Online => Current.OnlineLevel != OnlineLevel.None;

    /// <summary>Online-only pilot procedures are not received at the desk (the desk helps the citizen submit online).</summary>
    public bool AtDesk => !Current.OnlineOnlyPilot;

    public string SubmitLink => "/nop-ho-so/" + Uri.EscapeDataString(Procedure.Code);

    public string SampleLink(ComponentRequirement component) =>
        $"/thu-tuc/{Uri.EscapeDataString(Procedure.Code)}/mau/{Uri.EscapeDataString(component.Code)}";

    public string LegalTimeText => Current.LegalTime.Unit switch
    {
        LegalTimeUnit.SameDay => "Trong ngày làm việc",
        _ => Current.LegalTime.ToString(),
    };

    public string LegalTimeDetail => Current.LegalTime.Unit switch
    {
        LegalTimeUnit.SameDay => "Hồ sơ hợp lệ được giải quyết và trả kết quả ngay trong ngày làm việc tiếp nhận.",
        LegalTimeUnit.WorkingHours => "Tính theo giờ làm việc, kể từ khi tiếp nhận đủ hồ sơ hợp lệ; không tính ngày nghỉ, ngày lễ.",
        _ => "Tính theo ngày làm việc, kể từ ngày tiếp nhận đủ hồ sơ hợp lệ; không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết.",
    };

    public string? CutoffText => Current.Cutoff is { } cutoff
        ? $"Hồ sơ tiếp nhận sau {cutoff:HH\\:mm} được tính từ ngày làm việc tiếp theo."
        : null;

    public string ResultTypeText => Current.ResultType == ResultType.Electronic
        ? "Kết quả điện tử (được lưu vào kho dữ liệu cá nhân của người yêu cầu)"
        : "Giấy tờ bản giấy (người yêu cầu có thể đề nghị kèm bản điện tử)";
}
