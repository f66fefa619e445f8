using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

public sealed class ControlSlipModel(ControlSlipForm.Builder builder) : FormPageModel<ControlSlipForm.View>
{
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        return Show(await builder.BuildAsync(id, ct));
    }
}
