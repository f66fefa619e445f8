using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;

namespace MotCua.Tests.Features.Identity;

/// <summary>Two people registering with the same phone number at the same instant: both pass the checks, the
/// database's unique index lets one through, and the other is told which contact is taken.</summary>
public sealed class RegistrationRaceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Register_TwoAtOnceWithOnePhone_OneAccountAndAClearMessage()
    {
        await app.SeedWorldAsync();
        var results = await Task.WhenAll(
            Register("Phan Văn Một", "079090123401", "0977000111"),
            Register("Phan Văn Hai", "079090123402", "0977 000 111"));

        results.Count(r => r.Citizen is not null).ShouldBe(1);
        var refused = results.Single(r => r.Citizen is null);
        refused.Problems.ShouldContain(p => p.Field == AccountField.Phone);
        (await app.WithDbAsync(db => db.Citizens.CountAsync(c => c.PhoneNumber == "0977000111"))).ShouldBe(1);
    }

    [Fact]
    public async Task UpdateProfile_ToAnotherAccountsPhone_IsRefusedAndChangesNothing()
    {
        var world = await app.SeedWorldAsync();
        var problems = await app.WithServiceAsync<UpdateCitizenProfile.Handler, IReadOnlyList<FieldProblem>?>(h =>
            h.HandleAsync(world.CitizenId, new UpdateCitizenProfile.Request(TestData.HelperPhone, TestData.CitizenEmail, null), TestContext.Current.CancellationToken));
        problems.ShouldNotBeNull().ShouldContain(p => p.Field == AccountField.Phone);
        (await app.WithDbAsync(db => db.Citizens.Where(c => c.Id == world.CitizenId).Select(c => c.PhoneNumber).SingleAsync())).ShouldBe(TestData.CitizenPhone);
    }

    [Fact]
    public async Task Database_RefusesASecondCitizenWithTheSamePhoneOrEmail_ButNotAnOfficialWithTheSamePhone()
    {
        await app.SeedWorldAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        await Should.ThrowAsync<DbUpdateException>(() => users.CreateAsync(new Citizen
        {
            Id = Guid.NewGuid(), UserName = "079090123499", PersonalIdNumber = "079090123499", FullName = "Bỏ Qua Kiểm Tra", PhoneNumber = TestData.CitizenPhone,
        }));
        await using var other = app.Services.CreateAsyncScope();
        users = other.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        await Should.ThrowAsync<DbUpdateException>(() => users.CreateAsync(new Citizen
        {
            Id = Guid.NewGuid(), UserName = "079090123498", PersonalIdNumber = "079090123498", FullName = "Bỏ Qua Kiểm Tra", Email = TestData.CitizenEmail.ToUpperInvariant(),
        }));
        // An official's work phone is not a way into the portal: the rule is for citizens' accounts only.
        await using var third = app.Services.CreateAsyncScope();
        users = third.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        (await users.CreateAsync(new Official { Id = Guid.NewGuid(), UserName = "desk.phone", FullName = "Cán bộ", UnitId = (await app.SeedWorldAsync()).DeskId, PhoneNumber = TestData.CitizenPhone }))
            .Succeeded.ShouldBeTrue();
    }

    private Task<RegisterCitizen.Result> Register(string name, string id, string phone) =>
        app.WithServiceAsync<RegisterCitizen.Handler, RegisterCitizen.Result>(h => h.HandleAsync(
            new RegisterCitizen.Request(name, id, phone, null, null, "MatKhau@2026", "MatKhau@2026", true), TestContext.Current.CancellationToken));
}
