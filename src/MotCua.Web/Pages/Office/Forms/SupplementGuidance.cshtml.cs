using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

public sealed class SupplementGuidanceModel(SupplementForm.Builder builder) : FormPageModel<SupplementForm.View>
{
    public async Task<IActionResult> OnGetAsync([FromQuery] string? procedure, [FromQuery] string[]? missing, [FromQuery] string? name, CancellationToken ct) =>
        Show(await builder.GuidanceAsync(new SupplementForm.GuidanceQuery(procedure, missing ?? [], name), ct), StatusCodes.Status400BadRequest);
}
