using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin.Officials;

[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class CreateModel(ListUnits.Handler units, CreateOfficial.Handler createOfficial) : ActionPageModel
{
    public sealed class CreateInput
    {
        public string? UserName { get; set; }
        public string? FullName { get; set; }
        public string? Title { get; set; }
        public Guid UnitId { get; set; }
        public List<OfficialRole> Roles { get; set; } = [];
        public string? Password { get; set; }
    }

    public IReadOnlyList<UnitRows.Row> Units { get; private set; } = [];
    [BindProperty] public CreateInput Input { get; set; } = new();

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId = unitId ?? Guid.Empty;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var official = await createOfficial.HandleAsync(
            new CreateOfficial.Request(Input.UserName, Input.FullName, Input.Title, Input.UnitId, Input.Roles, Input.Password), ct);
        return RedirectWithNotice($"Đã tạo tài khoản {official.UserName} cho {official.FullName}. Hãy giao mật khẩu ban đầu cho cán bộ.", $"/office/admin/officials/{official.Id}");
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return true;
    }

    private async Task LoadAsync(CancellationToken ct) => Units = UnitRows.Build(await units.HandleAsync(ct));
}
