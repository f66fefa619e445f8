using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin.Officials;

[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class DetailModel(
    ListUnits.Handler units,
    ListOfficials.Handler officials,
    UpdateOfficial.Handler update,
    ResetOfficialPassword.Handler resetPassword,
    LockOfficial.Handler lockOfficial,
    CurrentUser currentUser) : PageModel
{
    public sealed class UpdateInput
    {
        public string? FullName { get; set; }
        public string? Title { get; set; }
        public Guid UnitId { get; set; }
        public List<OfficialRole> Roles { get; set; } = [];
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public ListOfficials.OfficialView Official { get; private set; } = null!;
    public ListUnits.UnitView? Unit { get; private set; }
    public IReadOnlyList<UnitRows.Row> Units { get; private set; } = [];
    [BindProperty] public UpdateInput Input { get; set; } = new();
    [BindProperty] public string? NewPassword { get; set; }
    [TempData] public string? Notice { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = new UpdateInput { FullName = Official.FullName, Title = Official.Title, UnitId = Official.UnitId, Roles = [.. Official.Roles] };
        return Page();
    }

    public Task<IActionResult> OnPostUpdateAsync(CancellationToken ct) =>
        RunAsync(async () => await update.HandleAsync(Id, new UpdateOfficial.Request(Input.FullName, Input.Title, Input.UnitId, Input.Roles), currentUser.Id, ct) is not null
            ? "Đã lưu. Nếu đổi vai trò hoặc đơn vị, cán bộ sẽ phải đăng nhập lại."
            : null, ct);

    public Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct) =>
        RunAsync(async () => await resetPassword.HandleAsync(Id, NewPassword, ct)
            ? "Đã đặt mật khẩu mới. Hãy giao mật khẩu cho cán bộ; các phiên đăng nhập cũ sẽ kết thúc."
            : null, ct);

    public Task<IActionResult> OnPostLockAsync(CancellationToken ct) =>
        RunAsync(async () => await lockOfficial.HandleAsync(Id, locked: true, currentUser.Id, ct) ? "Đã khóa tài khoản." : null, ct);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) =>
        RunAsync(async () => await lockOfficial.HandleAsync(Id, locked: false, currentUser.Id, ct) ? "Đã mở khóa tài khoản." : null, ct);

    /// <summary>Post, redirect, get on success; the same page with the message (and what was typed) on a broken rule.</summary>
    private async Task<IActionResult> RunAsync(Func<Task<string?>> action, CancellationToken ct)
    {
        try
        {
            var notice = await action();
            if (notice is null) return NotFound();
            Notice = notice;
            return Redirect($"/office/admin/officials/{Id}");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            NewPassword = null;
            return await LoadAsync(ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await officials.ByIdAsync(Id, ct) is not { } official) return false;
        Official = official;
        var all = await units.HandleAsync(ct);
        Unit = all.SingleOrDefault(u => u.Id == official.UnitId);
        Units = UnitRows.Build(all);
        return true;
    }
}
