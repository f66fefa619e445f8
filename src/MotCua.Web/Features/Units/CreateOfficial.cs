using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Units;

/// <summary>An administrator opens an official's account in a unit, with one or more roles and an initial
/// password that the official then uses to sign in.</summary>
public static class CreateOfficial
{
    public const int MaxUserNameLength = 256;

    public sealed record Request(string? UserName, string? FullName, string? Title, Guid UnitId, IReadOnlyList<OfficialRole> Roles, string? Password);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, AuditLog audit)
    {
        /// <exception cref="DomainException">Every problem with the request at once; nothing was saved.</exception>
        public async Task<Official> HandleAsync(Request request, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var userName = request.UserName?.Trim() ?? "";
            var official = new Official
            {
                Id = Guid.CreateVersion7(),
                UserName = userName,
                FullName = Text.NormalizeOrNull(request.FullName) ?? "",
                Title = Text.NormalizeOrNull(request.Title),
                UnitId = request.UnitId,
            };

            var problems = new List<string?>
            {
                await UserNameProblemAsync(userName),
                OfficialAccounts.FullNameProblem(request.FullName),
                OfficialAccounts.TitleProblem(request.Title),
                await db.Units.AnyAsync(u => u.Id == request.UnitId && u.IsActive, ct) ? null : "Hãy chọn đơn vị công tác.",
                OfficialAccounts.RolesProblem(request.Roles),
                await OfficialAccounts.PasswordProblemAsync(users, official, request.Password),
            };
            if (problems.Any(p => p is not null)) throw new DomainException(string.Join(" ", problems.OfType<string>()));

            // A fresh installation may not have the role rows yet (demo data and tests create them).
            await IdentitySetup.EnsureRolesAsync(roles);
            // Identity saves the account and its roles separately; one transaction keeps a failure from
            // leaving an account without roles.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            OfficialAccounts.ThrowIfFailed(await users.CreateAsync(official, request.Password!), users.Options);
            OfficialAccounts.ThrowIfFailed(await users.AddToRolesAsync(official, request.Roles.Distinct().Select(r => r.ToString())), users.Options);
            var unitName = await db.Units.Where(u => u.Id == official.UnitId).Select(u => u.Name).SingleAsync(ct);
            audit.Record(AuditKind.OfficialCreated, nameof(Official), official.Id.ToString(),
                $"Tạo tài khoản cán bộ {official.FullName} ({official.UserName}) tại {unitName}, vai trò {OfficialAccounts.RoleNames(request.Roles)}.",
                after: OfficialAccounts.AuditView(official, unitName, request.Roles.Select(r => r.ToString())));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return official;
        }

        private async Task<string?> UserNameProblemAsync(string userName)
        {
            if (userName.Length == 0) return "Hãy nhập tên đăng nhập.";
            if (userName.Length > MaxUserNameLength) return $"Tên đăng nhập tối đa {MaxUserNameLength} ký tự.";
            var allowed = users.Options.User.AllowedUserNameCharacters;
            if (!string.IsNullOrEmpty(allowed) && userName.Any(c => !allowed.Contains(c, StringComparison.Ordinal)))
                return $"Tên đăng nhập \"{userName}\" chỉ được gồm chữ không dấu, chữ số và các ký tự - . _ @ +";
            return await users.FindByNameAsync(userName) is null ? null : $"Tên đăng nhập \"{userName}\" đã có người dùng.";
        }
    }
}
