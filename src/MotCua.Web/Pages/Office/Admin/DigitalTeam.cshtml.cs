using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin;

/// <summary>Tổ công nghệ số cộng đồng: the citizens' accounts allowed to submit dossiers on other people's behalf;
/// the administrator adds an account (found by phone or personal ID number) and takes one out.</summary>
[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class DigitalTeamModel(
    ListDigitalTeam.Handler list, GrantDigitalTeamRole.Handler grant, RevokeDigitalTeamRole.Handler revoke) : ActionPageModel
{
    private const int PageSize = 50;
    public const string Path = "/office/admin/to-cong-nghe-so";

    // "p", not "page": Razor Pages keeps the page's path in the "page" route value, which would win the binding.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Identifier { get; set; }
    [BindProperty] public Guid AccountId { get; set; }
    public ListDigitalTeam.Result Members { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken ct)
    {
        var citizen = await grant.HandleAsync(Identifier, ct);
        return RedirectWithNotice($"Đã thêm {citizen.FullName} ({citizen.PersonalIdNumber}) vào Tổ công nghệ số cộng đồng. Quyền có hiệu lực khi người này đăng nhập lại, hoặc chậm nhất sau 30 phút.",
            PageUrl(PageNumber));
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var citizen = await revoke.HandleAsync(AccountId, ct);
        if (citizen is null) return NotFound();
        return RedirectWithNotice($"Đã thu hồi quyền thành viên Tổ công nghệ số cộng đồng của {citizen.FullName} ({citizen.PersonalIdNumber}).", PageUrl(PageNumber));
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return true;
    }

    public static string PageUrl(int page) => page <= 1 ? Path : string.Create(CultureInfo.InvariantCulture, $"{Path}?p={page}");

    private async Task LoadAsync(CancellationToken ct) => Members = await list.HandleAsync(PageNumber, PageSize, ct);
}
