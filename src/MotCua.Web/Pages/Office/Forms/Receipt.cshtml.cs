using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

public sealed class ReceiptModel(ReceiptForm.Builder builder) : FormPageModel<ReceiptForm.View>
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => Show(await builder.BuildAsync(id, RequestBase, ct));
}
