using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

public sealed class RegisterModel(RegisterForm.Builder builder) : FormPageModel<RegisterForm.View>
{
    public string FromText { get; private set; } = "";
    public string ToText { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] int page, CancellationToken ct)
    {
        var query = new RegisterForm.Query(from, to, page);
        var (first, last, _) = builder.Period(query);
        FromText = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ToText = last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // A period the register refuses is the official's input to correct: 400 with the reason.
        return Show(await builder.BuildAsync(query, ct), StatusCodes.Status400BadRequest);
    }
}
