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
    CurrentUser currentUser) : ActionPageModel
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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = new UpdateInput { FullName = Official.FullName, Title = Official.Title, UnitId = Official.UnitId, Roles = [.. Official.Roles] };
        return Page();
    }

    public Task<IActionResult> OnPostUpdateAsync(CancellationToken ct) =>
        RunAsync(async () => await update.HandleAsync(Id, new UpdateOfficial.Request(Input.FullName, Input.Title, Input.UnitId, Input.Roles), currentUser.Id, ct) is not null
            ? "Đã lưu. Nếu đổi vai trò hoặc đơn vị, cán bộ sẽ phải đăng nhập lại."
            : null);

    public Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct) =>
        RunAsync(async () => await resetPassword.HandleAsync(Id, NewPassword, ct)
            ? "Đã đặt mật khẩu mới. Hãy giao mật khẩu cho cán bộ; các phiên đăng nhập cũ sẽ kết thúc."
            : null);

    public Task<IActionResult> OnPostLockAsync(CancellationToken ct) =>
        RunAsync(async () => await lockOfficial.HandleAsync(Id, locked: true, currentUser.Id, ct) ? "Đã khóa tài khoản." : null);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) =>
        RunAsync(async () => await lockOfficial.HandleAsync(Id, locked: false, currentUser.Id, ct) ? "Đã mở khóa tài khoản." : null);

    /// <summary>Post, redirect, get; a broken rule shows the same page with the message and what was typed (<see cref="RefusedPostFilter"/>).</summary>
    private async Task<IActionResult> RunAsync(Func<Task<string?>> action) =>
        await action() is { } notice ? RedirectWithNotice(notice, $"/office/admin/officials/{Id}") : NotFound();

    /// <summary>What was typed is shown again, except a refused password.</summary>
    protected override Task<bool> ReloadAsync(CancellationToken ct)
    {
        NewPassword = null;
        return LoadAsync(ct);
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
