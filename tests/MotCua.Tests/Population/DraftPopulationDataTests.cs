using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.OnlineSubmission;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Population;

/// <summary>The citizen's own record in the population database for an online draft (docs/adr/0034d): an account the
/// national e-ID verified gets its draft filled from the registry and the components it replaces need no file; any other
/// account, someone else's draft, a lapsed verification and an outage are refused or said, and change nothing.</summary>
public sealed class DraftPopulationDataTests(PopulationApp app) : IClassFixture<PopulationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Residence = "1.004222";

    /// <summary>An account as the VNeID sign-in leaves it (verified, with the e-ID's birth date), with a password so the
    /// test signs in through the portal's door; one of the simulator's people.</summary>
    private async Task<Citizen> AccountAsync(string idNumber, string name, DateOnly? born, string phone, bool verified = true, string? address = null)
    {
        var citizen = new Citizen
        {
            Id = Guid.NewGuid(), UserName = idNumber + phone[^2..], PersonalIdNumber = idNumber, FullName = name, PhoneNumber = phone,
            VerifiedWithElectronicIdentity = verified, BirthDate = born, Address = address,
        };
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(citizen, TestData.Password);
        created.Succeeded.ShouldBeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
        return citizen;
    }

    private Task<DossierDraft> DraftAsync(Guid id) => app.WithDbAsync(db => db.DossierDrafts.AsNoTracking().SingleAsync(d => d.Id == id, Ct));

    private Task<int> LookupsOfAsync(string idNumber) =>
        app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Kind == AuditKind.PopulationLookup && a.SubjectId == idNumber, Ct));

    private Task<Dossier> DossierAsync(string code) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery().Include(d => d.Components).Include(d => d.History).SingleAsync(d => d.Code == code, Ct));

    [Fact]
    public async Task AVneIdVerifiedCitizen_GetsTheDraftFilledFromTheRegistry_AndSubmitsWithoutTheResidencePaper()
    {
        var world = await app.SeedWorldAsync();
        await AccountAsync("075095001234", "Nguyễn Văn Dân", new DateOnly(1995, 3, 12), "0977100001");
        var citizen = await OfficeClient.SignInCitizenAsync(app, "0977100001");

        var draftId = await StartAsync(citizen, world, Residence);

        var draft = await DraftAsync(draftId);
        draft.PopulationVerificationId.ShouldNotBeNull();
        draft.ApplicantAddress.ShouldNotBeNull().ShouldContain("phường Trần Biên");
        (await LookupsOfAsync("075095001234")).ShouldBe(1);
        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        var box = page.QuerySelector("#population-data")!.TextContent;
        box.ShouldContain("12/03/1995");
        box.ShouldContain("Không cần tải lên: Giấy tờ chứng minh chỗ ở hợp pháp");
        page.QuerySelector(".submission-from-population")!.TextContent.ShouldContain("không cần tải lên");

        await PressAsync(citizen, draftId, "upload", null, (FileField("TK"), "to-khai-ct01.pdf", Pdf));
        var code = await ReceiptCodeAsync(await PressAsync(citizen, draftId, "submit"));

        var dossier = await DossierAsync(code);
        (dossier.IdentityCheck, dossier.Applicant.FullName, dossier.Applicant.BirthDate).ShouldBe((IdentityCheck.ElectronicIdentity, "Nguyễn Văn Dân", new DateOnly(1995, 3, 12)));
        dossier.Applicant.Address.ShouldNotBeNull().ShouldContain("phường Trần Biên");
        var residence = dossier.Components.Single(c => c.RequirementCode == "CHO_O");
        (residence.FromPopulationDatabase, residence.Reused).ShouldBe((true, true));
        dossier.ConnectedDatabases.ShouldBe([IdentityChecks.PopulationDatabaseCode]);
        dossier.History.OrderBy(h => h.AtUtc).First().Description.ShouldContain("lấy từ Cơ sở dữ liệu quốc gia về dân cư: Giấy tờ chứng minh chỗ ở hợp pháp");
    }

    [Fact]
    public async Task AnAccountNotVerifiedWithVneId_IsNotLookedUp_StillNeedsThePaper_AndTheButtonIsRefused()
    {
        var world = await app.SeedWorldAsync();
        // Anyone may type someone's ID number at registration: it must not open that person's registry record.
        await AccountAsync("075196004321", "Trần Thị Mai", new DateOnly(1996, 7, 20), "0977100002", verified: false);
        var citizen = await OfficeClient.SignInCitizenAsync(app, "0977100002");

        var draftId = await StartAsync(citizen, world, Residence);

        (await DraftAsync(draftId)).PopulationVerificationId.ShouldBeNull();
        (await LookupsOfAsync("075196004321")).ShouldBe(0);
        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        page.QuerySelector("#population-data").ShouldBeNull();
        page.QuerySelectorAll("#draft-form button[formaction]").Select(b => b.GetAttribute("formaction")).ShouldNotContain(a => a!.Contains("handler=population"));

        // The handler posted by hand: refused in Vietnamese, nothing looked up.
        var forced = await PostAsync(citizen, DraftUrl(draftId) + "?handler=population", FieldsOf(page));
        forced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(forced)).ShouldNotBeNull().ShouldContain("chưa được xác thực bằng định danh điện tử");
        (await LookupsOfAsync("075196004321")).ShouldBe(0);

        await PressAsync(citizen, draftId, "upload", null, (FileField("TK"), "to-khai.pdf", Pdf));
        var refused = await PressAsync(citizen, draftId, "submit");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(refused)).ShouldNotBeNull().ShouldContain("Giấy tờ chứng minh chỗ ở hợp pháp");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.SubmissionKey == draftId, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task TheDatabaseDown_TheDraftSaysSo_ThenTheButtonTakesTheData_AndALapsedOneIsAskedAgain()
    {
        var world = await app.SeedWorldAsync();
        await AccountAsync("075088007777", "Phạm Quốc Bảo", new DateOnly(1988, 1, 30), "0977100003", address: "Số 3 đường Ba");
        var citizen = await OfficeClient.SignInCitizenAsync(app, "0977100003");

        var draftId = Guid.Empty;
        await app.DownAsync(async () => draftId = await StartAsync(citizen, world, Residence));
        (await DraftAsync(draftId)).PopulationVerificationId.ShouldBeNull();
        var page = await citizen.GetPageAsync(DraftUrl(draftId));
        ActionOf(page, "population").ShouldContain(draftId.ToString());

        // Still down: said on the page, nothing attached.
        HttpResponseMessage stillDown = null!;
        await app.DownAsync(async () => stillDown = await PressAsync(citizen, draftId, "population"));
        (await AlertAsync(stillDown)).ShouldNotBeNull().ShouldContain("Chưa kết nối được Cơ sở dữ liệu quốc gia về dân cư");
        (await DraftAsync(draftId)).PopulationVerificationId.ShouldBeNull();

        var taken = await PressAsync(citizen, draftId, "population");
        taken.StatusCode.ShouldBe(HttpStatusCode.Redirect, await AlertAsync(taken));
        var draft = await DraftAsync(draftId);
        draft.PopulationVerificationId.ShouldNotBeNull();
        draft.ApplicantAddress.ShouldBe("Số 3 đường Ba", "the address the account gives stays; the registry's fills only an empty one");

        // A week and more later the verification has lapsed: the submission says so and makes nothing.
        await PressAsync(citizen, draftId, "upload", null, (FileField("TK"), "to-khai.pdf", Pdf));
        app.Clock.Advance(TimeSpan.FromDays(8));
        var lapsed = await PressAsync(citizen, draftId, "submit");
        (await AlertAsync(lapsed)).ShouldNotBeNull().ShouldContain(GetDraft.PopulationDataExpired);
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.SubmissionKey == draftId, Ct))).ShouldBe(0);

        (await PressAsync(citizen, draftId, "population")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = await ReceiptCodeAsync(await PressAsync(citizen, draftId, "submit"));
        (await DossierAsync(code)).Components.Single(c => c.RequirementCode == "CHO_O").FromPopulationDatabase.ShouldBeTrue();
    }

    [Fact]
    public async Task AnotherCitizen_CannotTakeTheDataIntoSomeoneElsesDraft()
    {
        var world = await app.SeedWorldAsync();
        await AccountAsync("075190005678", "Lê Thị Hỗ Trợ", new DateOnly(1990, 11, 5), "0977100004");
        var owner = await OfficeClient.SignInCitizenAsync(app, "0977100004");
        var draftId = await StartAsync(owner, world, Residence);
        var before = await LookupsOfAsync("075190005678");
        var stranger = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);

        // A valid antiforgery token of the stranger's own (from a page of theirs), posted to the owner's draft.
        var response = await stranger.PostFormAsync($"/nop-ho-so/{Residence}", DraftUrl(draftId) + "?handler=population", []);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await LookupsOfAsync("075190005678")).ShouldBe(before);
    }
}
