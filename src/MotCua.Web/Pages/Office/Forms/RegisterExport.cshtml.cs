using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

/// <summary>Mẫu số 07 as a spreadsheet: rows stream from the database into a temporary file that deletes itself
/// once sent, so a long register never sits in memory.</summary>
public sealed class RegisterExportModel(RegisterForm.Builder builder, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, CancellationToken ct)
    {
        var query = new RegisterForm.Query(from, to);
        var (first, last, error) = builder.Period(query);
        if (error is not null) return BadRequest(error);
        var name = string.Create(CultureInfo.InvariantCulture, $"mau-07-so-theo-doi-ho-so-{first:yyyyMMdd}-{last:yyyyMMdd}.xlsx");
        var file = XlsxWriter.TempFile();
        try
        {
            await builder.ExportAsync(query, file, ct);
            file.Position = 0;
            // A whole period of applicants' names, addresses and phones leaves the office in this file.
            await audit.RecordDownloadAsync(AuditKind.RegisterExported, "Register", string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd}/{last:yyyy-MM-dd}"),
                string.Create(CultureInfo.InvariantCulture, $"Xuất sổ theo dõi hồ sơ (Mẫu 07) từ {first:dd/MM/yyyy} đến {last:dd/MM/yyyy}."),
                new { From = first, To = last, FileName = name }, ct);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        return File(file, XlsxWriter.ContentType, name);
    }
}
