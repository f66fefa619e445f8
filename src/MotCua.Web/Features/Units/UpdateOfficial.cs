using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>An administrator changes an official's name, title, unit or roles (a transfer, a new duty).</summary>
public static class UpdateOfficial
{
    public sealed record Request(string? FullName, string? Title, Guid UnitId, IReadOnlyList<OfficialRole> Roles);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, AuditLog audit)
    {
        /// <param name="actingUserId">The administrator doing it: they may not take their own administrator role away.</param>
        /// <returns>Null when no official has this id.</returns>
        /// <exception cref="DomainException">Every problem with the request at once; nothing was saved.</exception>
        public async Task<Official?> HandleAsync(Guid id, Request request, Guid actingUserId, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (await users.FindByIdAsync(id.ToString()) is not Official official) return null;
            var current = (await users.GetRolesAsync(official)).ToHashSet(StringComparer.Ordinal);
            var wanted = (request.Roles ?? []).Distinct().Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);

            var problems = new List<string?>
            {
                OfficialAccounts.FullNameProblem(request.FullName),
                OfficialAccounts.TitleProblem(request.Title),
                await db.Units.AnyAsync(u => u.Id == request.UnitId && u.IsActive, ct) ? null : "Hãy chọn đơn vị công tác.",
                OfficialAccounts.RolesProblem(request.Roles),
                // Someone must remain able to administer: an administrator cannot demote themselves by mistake.
                id == actingUserId && current.Contains(nameof(OfficialRole.Administrator)) && !wanted.Contains(nameof(OfficialRole.Administrator))
                    ? "Bạn không thể tự bỏ vai trò Quản trị hệ thống của chính mình; hãy nhờ một quản trị viên khác."
                    : null,
            };
            if (problems.Any(p => p is not null)) throw new DomainException(string.Join(" ", problems.OfType<string>()));

            var accessChanged = official.UnitId != request.UnitId || !current.SetEquals(wanted);
            var before = OfficialAccounts.AuditView(official, await UnitNameAsync(official.UnitId, ct), current);
            official.FullName = Text.Normalize(request.FullName!);
            official.Title = Text.NormalizeOrNull(request.Title);
            official.UnitId = request.UnitId;

            await IdentitySetup.EnsureRolesAsync(roles);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            OfficialAccounts.ThrowIfFailed(await users.UpdateAsync(official), users.Options);
            var removed = current.Except(wanted).ToList();
            if (removed.Count > 0) OfficialAccounts.ThrowIfFailed(await users.RemoveFromRolesAsync(official, removed), users.Options);
            var added = wanted.Except(current).ToList();
            if (added.Count > 0) OfficialAccounts.ThrowIfFailed(await users.AddToRolesAsync(official, added), users.Options);
            // The sign-in carries the roles and the unit: a new security stamp makes the official's open
            // sessions end at the next check, so they sign in again with what they may do now.
            if (accessChanged) OfficialAccounts.ThrowIfFailed(await users.UpdateSecurityStampAsync(official), users.Options);
            var unitName = await UnitNameAsync(official.UnitId, ct);
            audit.Record(AuditKind.OfficialUpdated, nameof(Official), official.Id.ToString(),
                $"Sửa tài khoản cán bộ {official.FullName} ({official.UserName}): {unitName}, vai trò {OfficialAccounts.RoleNames(request.Roles ?? [])}.",
                before, OfficialAccounts.AuditView(official, unitName, wanted));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return official;
        }

        private Task<string> UnitNameAsync(Guid unitId, CancellationToken ct) =>
            db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(ct);
    }
}
