using System.Text;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Targets;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Targets;

/// <summary>Nhập chỉ tiêu từ tệp (CSV or .xlsx laid out like Phụ lục 2), with a sample file to start from.</summary>
public sealed class ImportModel(ImportTargets.Handler import, TargetsAccess access, TimeProvider clock) : ActionPageModel
{
    private static readonly string[] SampleColumns = ["STT", "\"Cơ quan, đơn vị\"", "Mã định danh", "Năm", "Căn cứ"];

    [BindProperty] public IFormFile? Upload { get; set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IActionResult OnGet() => access.CanWrite ? Page() : Forbid();

    /// <summary>A sample file: the header and the user's own unit for this year.</summary>
    public async Task<IActionResult> OnGetSampleAsync(CancellationToken ct)
    {
        if (!access.CanWrite) return Forbid();
        var unit = await access.ReadableAsync(null, ct);
        var header = string.Join(",", SampleColumns.Concat(TargetMetrics.All.Select(m => m.Code())));
        var row = string.Join(",", new[] { "1", $"\"{unit.Name}\"", unit.AgencyCode, VietnamTime.Today(clock).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "" }
            .Concat(TargetMetrics.All.Select(_ => "")));
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(header + "\r\n" + row + "\r\n")).ToArray(), "text/csv; charset=utf-8", "chi-tieu-mau.csv");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null) throw new DomainException("Hãy chọn tệp chỉ tiêu (.csv hoặc .xlsx).");
        await using var stream = Upload.OpenReadStream();
        var result = await import.HandleAsync(stream, Upload.FileName, ct);
        return RedirectWithNotice($"Đã nhập {result.Targets} chỉ tiêu của {result.Units} đơn vị.", "/office/targets/import");
    }

    public override UserProblem? RefusalOf(Exception exception)
    {
        if (exception is ImportTargets.RejectedException rejected)
        {
            Errors = rejected.Errors;
            return new UserProblem(StatusCodes.Status400BadRequest, "Tệp chỉ tiêu có lỗi", "Tệp có lỗi, chưa nhập chỉ tiêu nào. Sửa các dòng dưới đây rồi nhập lại.");
        }
        return base.RefusalOf(exception);
    }

    protected override Task<bool> ReloadAsync(CancellationToken ct) => Task.FromResult(true);
}
