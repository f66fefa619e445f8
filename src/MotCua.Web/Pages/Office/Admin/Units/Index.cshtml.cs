using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin.Units;

[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class IndexModel(ListUnits.Handler units, CreateUnit.Handler createUnit, TimeProvider clock) : ActionPageModel
{
    public sealed class CreateInput
    {
        public string? Name { get; set; }
        public UnitKind? Kind { get; set; }
        public Guid? ParentId { get; set; }
        public string? AgencyCode { get; set; }
        public DateOnly? CodeValidFrom { get; set; }
        public string? Decision { get; set; }
    }

    public IReadOnlyList<UnitRows.Row> Rows { get; private set; } = [];
    [BindProperty] public CreateInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.CodeValidFrom = VietnamTime.Today(clock);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unit = await createUnit.HandleAsync(new CreateUnit.Request(Input.Name, Input.Kind, Input.ParentId, Input.AgencyCode,
            Input.CodeValidFrom ?? VietnamTime.Today(clock), Input.Decision), ct);
        return RedirectWithNotice($"Đã thêm đơn vị {unit.Name} với mã định danh {unit.AgencyCode}.", $"/office/admin/units/{unit.Id}");
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return true;
    }

    private async Task LoadAsync(CancellationToken ct) => Rows = UnitRows.Build(await units.HandleAsync(ct));
}
