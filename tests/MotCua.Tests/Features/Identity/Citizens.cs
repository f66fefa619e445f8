using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;

namespace MotCua.Tests.Features.Identity;

/// <summary>Citizens' accounts for tests that change accounts: each gets a personal ID number, a phone and an e-mail
/// no other test uses, so tests of one class can share the database.</summary>
internal static class Citizens
{
    private static int _next;

    public sealed record Contact(string IdNumber, string Phone, string Email);

    public static Contact NewContact()
    {
        var n = Interlocked.Increment(ref _next);
        return new(
            string.Create(CultureInfo.InvariantCulture, $"0791950{n:D5}"),
            string.Create(CultureInfo.InvariantCulture, $"0936{n:D6}"),
            string.Create(CultureInfo.InvariantCulture, $"nguoidan{n}@example.vn"));
    }

    /// <summary>A portal account as registration makes it (user name = ID number), with <see cref="TestData.Password"/>.</summary>
    public static async Task<Citizen> CreateAsync(AppFactory app, string fullName = "Phạm Văn Thử", bool phone = true, bool email = true, bool password = true)
    {
        var contact = NewContact();
        var citizen = new Citizen
        {
            Id = Guid.NewGuid(), UserName = contact.IdNumber, PersonalIdNumber = contact.IdNumber, FullName = fullName,
            PhoneNumber = phone ? contact.Phone : null, Email = email ? contact.Email : null, Address = "Số 9 đường Thử, phường Một",
        };
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = password ? await users.CreateAsync(citizen, TestData.Password) : await users.CreateAsync(citizen);
        created.Succeeded.ShouldBeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
        return citizen;
    }

    /// <summary>The account as it is now in the database.</summary>
    public static Task<Citizen> ReloadAsync(AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Citizens.AsNoTracking().SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken));

    public static Task<int> CountAsync(AppFactory app) =>
        app.WithDbAsync(db => db.Citizens.CountAsync(TestContext.Current.CancellationToken));

    public static Task<bool> PasswordWorksAsync(AppFactory app, Guid id, string password) =>
        app.WithServiceAsync<UserManager<AppUser>, bool>(async users => await users.CheckPasswordAsync((await users.FindByIdAsync(id.ToString()))!, password));
}
