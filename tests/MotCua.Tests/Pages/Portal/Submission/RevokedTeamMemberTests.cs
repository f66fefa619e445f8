using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Identity;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Pages.Portal.Submission;

/// <summary>A member removed from the community digital team still carries the role in their sign-in cookie for a
/// while; submitting on someone else's behalf reads the role from the database, so it stops at once.</summary>
public sealed class RevokedTeamMemberTests(SubmissionApp app) : IClassFixture<SubmissionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AssistedSubmit_AfterTheRoleIsRevoked_IsRefusedAndMakesNoDossier()
    {
        var world = await app.ArrangeAsync();
        var helper = await OfficeClient.SignInCitizenAsync(app, TestData.HelperPhone);
        var draftId = await StartAsync(helper, world, onBehalf: true);
        await PressAsync(helper, draftId, "upload", f =>
        {
            FillEForm(f);
            f["Applicant.Name"] = TestData.CitizenName;
            f["Applicant.IdNumber"] = TestData.CitizenIdNumber;
        }, (FileField("TK"), "to-khai.pdf", Pdf), (FileField("CHO_O"), "cho-o.pdf", Pdf));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var member = await users.FindByIdAsync(world.HelperId.ToString());
            (await users.RemoveFromRoleAsync(member!, IdentitySetup.CommunityDigitalTeamRole)).Succeeded.ShouldBeTrue();
        }

        var response = await PressAsync(helper, draftId, "submit");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Tài khoản không còn thuộc Tổ công nghệ số cộng đồng");
        (await app.WithDbAsync(db => db.Dossiers.AnyAsync(d => d.SubmissionKey == draftId, Ct))).ShouldBeFalse();
        // Nor can a new draft for another person be started with the old cookie.
        var refused = await Record.ExceptionAsync(() => StartAsync(helper, world, onBehalf: true));
        refused.ShouldNotBeNull().Message.ShouldContain("Chỉ thành viên Tổ công nghệ số cộng đồng được nộp hồ sơ thay cho người khác.");
    }
}
