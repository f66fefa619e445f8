using System.Net;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Identity;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Pages.Portal.Submission;

/// <summary>An ID number typed at registration proves nothing (ADR 0013): a dossier that a community digital team member
/// submits for someone is given to that person's account only when the account is verified with the national e-ID, and
/// an account that merely claims the number neither receives the dossier nor keeps the real owner from registering.</summary>
public sealed class AssistedSubmissionOwnershipTests(SubmissionApp app) : IClassFixture<SubmissionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Registration(Citizens.Contact contact, string fullName) => new()
    {
        ["FullName"] = fullName,
        ["PersonalIdNumber"] = contact.IdNumber,
        ["Phone"] = contact.Phone,
        ["Email"] = contact.Email,
        ["Password"] = "MatKhau2026",
        ["ConfirmPassword"] = "MatKhau2026",
        ["Consent"] = "true",
    };

    private async Task<string> SubmitForAsync(TestData.World world, string applicantName, string idNumber)
    {
        var helper = await OfficeClient.SignInCitizenAsync(app, TestData.HelperPhone);
        var draftId = await StartAsync(helper, world, onBehalf: true);
        await PressAsync(helper, draftId, "upload", f =>
        {
            FillEForm(f);
            f["Applicant.Name"] = applicantName;
            f["Applicant.IdNumber"] = idNumber;
        }, (FileField("TK"), "to-khai.pdf", Pdf), (FileField("CHO_O"), "cho-o.pdf", Pdf));
        return await ReceiptCodeAsync(await PressAsync(helper, draftId, "submit"));
    }

    [Fact]
    public async Task AssistedSubmission_ForAnIdNumberClaimedByAnUnverifiedAccount_IsNotGivenToThatAccount_AndTheOwnerCanStillRegister()
    {
        var world = await app.ArrangeAsync();
        var owner = Citizens.NewContact();
        // Someone registers first with the owner's ID number and their own phone and e-mail.
        var squatterContact = Citizens.NewContact() with { IdNumber = owner.IdNumber };
        var squatter = await OfficeClient.AnonymousAsync(app);
        (await squatter.PostFormAsync("/dang-ky", "/dang-ky", Registration(squatterContact, "Kẻ Mạo Danh"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var code = await SubmitForAsync(world, "Hoàng Thị Chủ", owner.IdNumber);

        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Files).SingleAsync(d => d.Code == code, Ct));
        dossier.CitizenAccountId.ShouldBeNull("an account that only typed the number at registration is not the applicant's");
        (await squatter.GetPageAsync("/ho-so-cua-toi")).Body!.TextContent.ShouldNotContain(code);
        (await squatter.Http.GetAsync($"/ho-so-cua-toi/{code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await squatter.Http.GetAsync($"/ho-so-cua-toi/{code}/tep/{dossier.Files[0].Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await squatter.Http.GetAsync($"/nop-ho-so/bien-nhan/{code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The real owner registers with their own number, phone and e-mail, and is signed in.
        var realOwner = await OfficeClient.AnonymousAsync(app);
        var registered = await realOwner.PostFormAsync("/dang-ky", "/dang-ky", Registration(owner, "Hoàng Thị Chủ"));
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect, "an unverified claim on the ID number must not lock its owner out");
        (await app.WithDbAsync(db => db.Citizens.CountAsync(c => c.PersonalIdNumber == owner.IdNumber, Ct))).ShouldBe(2);
        (await realOwner.GetPageAsync("/tai-khoan")).QuerySelector("dl.facts")!.TextContent.ShouldContain(owner.IdNumber);
        (await app.WithDbAsync(db => db.Dossiers.SingleAsync(d => d.Code == code, Ct))).Status.ShouldBe(dossier.Status, "nobody could act on it");
    }

    [Fact]
    public async Task AssistedSubmission_ForTheIdNumberOfAVerifiedAccount_BelongsToThatAccount()
    {
        var world = await app.ArrangeAsync();
        var contact = Citizens.NewContact();
        var verified = await app.WithServiceAsync<LinkElectronicIdentity.Handler, LinkElectronicIdentity.Result>(h => h.HandleAsync(
            new(LinkElectronicIdentity.VNeID, "vneid-" + Guid.NewGuid().ToString("N"), contact.IdNumber, "Đỗ Văn Thật", contact.Phone), null, Ct, DateTimeOffset.UtcNow));
        // An unverified account claiming the same number gets nothing.
        var squatter = await OfficeClient.AnonymousAsync(app);
        (await squatter.PostFormAsync("/dang-ky", "/dang-ky", Registration(Citizens.NewContact() with { IdNumber = contact.IdNumber }, "Kẻ Mạo Danh")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var code = await SubmitForAsync(world, "Đỗ Văn Thật", contact.IdNumber);

        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code, Ct))).CitizenAccountId.ShouldBe(verified.Citizen.Id);
        (await squatter.Http.GetAsync($"/ho-so-cua-toi/{code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await squatter.Http.GetAsync($"/nop-ho-so/bien-nhan/{code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
