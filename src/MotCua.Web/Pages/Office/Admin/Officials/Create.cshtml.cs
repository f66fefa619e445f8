using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin.Officials;

[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class CreateModel(ListUnits.Handler units, CreateOfficial.Handler createOfficial) : PageModel
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
    [TempData] public string? Notice { get; set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId = unitId ?? Guid.Empty;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var official = await createOfficial.HandleAsync(
                new CreateOfficial.Request(Input.UserName, Input.FullName, Input.Title, Input.UnitId, Input.Roles, Input.Password), ct);
            Notice = $"Đã tạo tài khoản {official.UserName} cho {official.FullName}. Hãy giao mật khẩu ban đầu cho cán bộ.";
            return Redirect($"/office/admin/officials/{official.Id}");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) => Units = UnitRows.Build(await units.HandleAsync(ct));
}
