using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;
using static MotCua.Web.Features.Identity.LinkElectronicIdentity;

namespace MotCua.Tests.Features.Identity;

/// <summary>The account side of signing in with VNeID: an identity the provider verified is linked to the account
/// with the same personal ID number, or opens a verified one; it is never linked to someone else's account.</summary>
public sealed class LinkElectronicIdentityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Result> LinkAsync(VerifiedIdentity identity, Guid? signedIn = null) =>
        app.WithServiceAsync<Handler, Result>(h => h.HandleAsync(identity, signedIn, Ct, TestClock.Vn(2026, 11, 17, 9, 0)));

    private Task<List<IdentityUserLogin<Guid>>> LoginsOfAsync(Guid id) =>
        app.WithDbAsync(db => db.UserLogins.AsNoTracking().Where(l => l.UserId == id).ToListAsync(Ct));

    private static VerifiedIdentity Identity(string idNumber, string fullName = "Phạm Văn Thử", string? subject = null) =>
        new(VNeID, subject ?? "vneid-" + Guid.NewGuid().ToString("N"), idNumber, fullName);

    [Fact]
    public async Task Link_WhenOnlyAnUnverifiedAccountHasTheIdNumber_OpensANewVerifiedAccountAndLeavesThatOneAlone()
    {
        // Anyone may have typed this number at registration (ADR 0013): signing in with the e-ID must not hand its
        // owner an account whose password, phone and e-mail are someone else's, nor verify that account for them.
        var claimant = await Citizens.CreateAsync(app, fullName: "Pham Van Thu");
        var identity = Identity(claimant.PersonalIdNumber, "Phạm Văn Thử");

        var result = await LinkAsync(identity);

        result.Outcome.ShouldBe(Outcome.Created);
        result.Citizen.Id.ShouldNotBe(claimant.Id);
        var unchanged = await Citizens.ReloadAsync(app, claimant.Id);
        (unchanged.VerifiedWithElectronicIdentity, unchanged.FullName).ShouldBe((false, "Pham Van Thu"));
        (await LoginsOfAsync(claimant.Id)).ShouldBeEmpty();
        var created = await Citizens.ReloadAsync(app, result.Citizen.Id);
        (created.PersonalIdNumber, created.VerifiedWithElectronicIdentity).ShouldBe((claimant.PersonalIdNumber, true));
        (await LoginsOfAsync(created.Id)).Select(l => (l.LoginProvider, l.ProviderKey)).ShouldBe([(VNeID, identity.Subject)]);
    }

    [Fact]
    public async Task Link_WhenAlreadyLinked_SignsInTheSameAccountAndAddsNothing()
    {
        var citizen = await Citizens.CreateAsync(app);
        var identity = Identity(citizen.PersonalIdNumber);
        await LinkAsync(identity, citizen.Id);

        var again = await LinkAsync(identity);

        (again.Outcome, again.Citizen.Id).ShouldBe((Outcome.AlreadyLinked, citizen.Id));
        (await LoginsOfAsync(citizen.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Link_WhenNoAccountHasTheIdNumber_OpensAVerifiedAccountWithoutPassword()
    {
        var contact = Citizens.NewContact();
        var identity = Identity(contact.IdNumber, "Võ Thị Mới") with { Phone = "+84" + contact.Phone[1..], Email = contact.Email };
        var before = await Citizens.CountAsync(app);

        var result = await LinkAsync(identity);

        result.Outcome.ShouldBe(Outcome.Created);
        var saved = await Citizens.ReloadAsync(app, result.Citizen.Id);
        (saved.UserName, saved.PersonalIdNumber, saved.FullName, saved.PhoneNumber, saved.Email, saved.VerifiedWithElectronicIdentity, saved.PasswordHash)
            .ShouldBe((saved.Id.ToString("N"), contact.IdNumber, "Võ Thị Mới", contact.Phone, contact.Email, true, (string?)null));
        (await LoginsOfAsync(saved.Id)).Select(l => l.ProviderKey).ShouldBe([identity.Subject]);
        (await Citizens.CountAsync(app)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Link_WhenCreatingAndTheEmailBelongsToAnotherAccount_LeavesTheEmailOut()
    {
        var other = await Citizens.CreateAsync(app);
        var identity = Identity(Citizens.NewContact().IdNumber) with { Email = other.Email };

        var result = await LinkAsync(identity);

        result.Outcome.ShouldBe(Outcome.Created);
        (await Citizens.ReloadAsync(app, result.Citizen.Id)).Email.ShouldBeNull();
        (await Citizens.ReloadAsync(app, other.Id)).Email.ShouldBe(other.Email);
    }

    [Fact]
    public async Task Link_WhenTheSignedInAccountHasAnotherIdNumber_IsRefusedAndChangesNothing()
    {
        var signedIn = await Citizens.CreateAsync(app);
        var identity = Identity(Citizens.NewContact().IdNumber);
        var before = await Citizens.CountAsync(app);

        var e = await Should.ThrowAsync<DomainException>(() => LinkAsync(identity, signedIn.Id));

        e.Message.ShouldContain("khác với số định danh cá nhân của tài khoản");
        (await Citizens.ReloadAsync(app, signedIn.Id)).VerifiedWithElectronicIdentity.ShouldBeFalse();
        (await LoginsOfAsync(signedIn.Id)).ShouldBeEmpty();
        (await Citizens.CountAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task Link_WhenTheSignedInAccountHasTheIdNumber_LinksIt()
    {
        var signedIn = await Citizens.CreateAsync(app);

        var result = await LinkAsync(Identity(signedIn.PersonalIdNumber), signedIn.Id);

        (result.Outcome, result.Citizen.Id).ShouldBe((Outcome.Linked, signedIn.Id));
        (await Citizens.ReloadAsync(app, signedIn.Id)).VerifiedWithElectronicIdentity.ShouldBeTrue();
    }

    [Fact]
    public async Task Link_WhenTheSubjectIsLinkedToAnAccountWithAnotherIdNumber_IsRefused()
    {
        var linked = await Citizens.CreateAsync(app);
        var identity = Identity(linked.PersonalIdNumber);
        await LinkAsync(identity, linked.Id);

        var e = await Should.ThrowAsync<DomainException>(() => LinkAsync(identity with { PersonalIdNumber = Citizens.NewContact().IdNumber }));

        e.Message.ShouldContain("không thể liên kết");
        (await LoginsOfAsync(linked.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Link_WhenTheAccountIsLinkedToAnotherSubject_IsRefused()
    {
        var citizen = await Citizens.CreateAsync(app);
        await LinkAsync(Identity(citizen.PersonalIdNumber, subject: "vneid-first"), citizen.Id);

        var e = await Should.ThrowAsync<DomainException>(() => LinkAsync(Identity(citizen.PersonalIdNumber, subject: "vneid-second")));

        e.Message.ShouldContain("đã được liên kết với một định danh điện tử khác");
        (await LoginsOfAsync(citizen.Id)).Select(l => l.ProviderKey).ShouldBe(["vneid-first"]);
    }

    [Theory]
    [InlineData("12345", "Phạm Văn Thử")]
    [InlineData("0791950ABCDE", "Phạm Văn Thử")]
    [InlineData("079195099999", " ")]
    public async Task Link_WhenTheIdentityIsIncomplete_IsRefusedAndCreatesNothing(string idNumber, string fullName)
    {
        var before = await Citizens.CountAsync(app);

        var e = await Should.ThrowAsync<DomainException>(() => LinkAsync(Identity(idNumber, fullName)));

        e.Message.ShouldContain("không đủ");
        (await Citizens.CountAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task AccountOpenedWithTheElectronicIdentity_SetsAFirstPasswordWithoutACurrentOne()
    {
        var opened = await LinkAsync(Identity(Citizens.NewContact().IdNumber));

        var problems = await app.WithServiceAsync<ChangeCitizenPassword.Handler, IReadOnlyList<FieldProblem>?>(h =>
            h.HandleAsync(opened.Citizen.Id, new ChangeCitizenPassword.Request(null, "MatKhauDau2026", "MatKhauDau2026"), Ct));

        problems.ShouldBeEmpty();
        (await Citizens.PasswordWorksAsync(app, opened.Citizen.Id, "MatKhauDau2026")).ShouldBeTrue();
    }
}
