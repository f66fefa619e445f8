using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Pages.Office.Dossiers;

namespace MotCua.Tests.Pages.Office.Dossiers;

/// <summary>The office dossier page for an official of the commune asked for its opinion (holding every working
/// role): it shows the dossier and the form to answer, nothing else, and refuses every other action posted to it.</summary>
public sealed class ConsultedUnitPageTests(AuthorizationMatrixTests.MatrixApp app) : IClassFixture<AuthorizationMatrixTests.MatrixApp>
{
    private const string Answer = "AnswerCoordination";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every action the page accepts, read from its handlers (OnPost{Name}Async), so a new one is attacked too.</summary>
    public static TheoryData<string, bool> Posts()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var handler in Handlers())
        {
            cases.Add(handler, false);
            cases.Add(handler, true);
        }
        return cases;
    }

    private static IEnumerable<string> Handlers() =>
        typeof(DetailsModel).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name)
            .Where(n => n.StartsWith("OnPost", StringComparison.Ordinal) && n.EndsWith("Async", StringComparison.Ordinal))
            .Select(n => n["OnPost".Length..^"Async".Length])
            .Order(StringComparer.Ordinal);

    [Fact]
    public async Task Page_ForTheConsultedUnit_OffersOnlyTheAnswer_AndNothingOnceAnswered()
    {
        var target = await app.TargetAsync(answered: false);
        var consulted = await OfficeClient.SignInAsync(app, AuthorizationMatrixTests.MatrixApp.ConsultedUser);

        var page = await consulted.GetPageAsync($"/office/dossiers/{target.Id}");
        Handlers().ShouldContain(Answer);
        ActionsOn(page).ShouldBe([Answer]);
        page.QuerySelector("h1")!.TextContent.ShouldContain(target.Code);

        var answered = await app.TargetAsync(answered: true);
        ActionsOn(await consulted.GetPageAsync($"/office/dossiers/{answered.Id}")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Post_ByTheConsultedUnit_OnlyItsOpenAnswerIsAccepted(string handler, bool alreadyAnswered)
    {
        var target = await app.TargetAsync(alreadyAnswered);
        var consulted = await OfficeClient.SignInAsync(app, AuthorizationMatrixTests.MatrixApp.ConsultedUser);
        var url = $"/office/dossiers/{target.Id}";
        // Once answered the page has no form left, so the token (the signed-in user's, valid for any of their forms)
        // is taken where the unit still has one to answer.
        var open = await app.TargetAsync(answered: false);
        var token = (await consulted.GetPageAsync($"/office/dossiers/{open.Id}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var form = Everything(target, token);
        using var response = await consulted.Http.PostAsync($"{url}?handler={handler}", form, Ct);

        var after = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == target.Id)
            .Select(d => new { d.Revision, d.Status, Open = d.Coordinations.Count(c => c.AnsweredAtUtc == null) }).SingleAsync(Ct));
        var why = $"{handler}: {(int)response.StatusCode}";
        if (handler == Answer && !alreadyAnswered)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, why);
            (after.Revision, after.Open).ShouldBe((target.Revision + 1, 0));
            return;
        }
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, why);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector(".alert.error")!.TextContent.ShouldContain("chỉ được xem hồ sơ và trả lời đề nghị phối hợp");
        ActionsOn(shown).ShouldBe(alreadyAnswered ? [] : [Answer]);
        (after.Revision, after.Status).ShouldBe((target.Revision, target.Status), why);
    }

    private static List<string> ActionsOn(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("form[action*='handler=']").Select(f => f.GetAttribute("action")!.Split("handler=")[1]).Distinct()];

    /// <summary>Every field any of the page's forms sends, filled with what would pass, and a PDF for the uploads.</summary>
    private static MultipartFormDataContent Everything(AuthorizationMatrixTests.Target t, string token)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new (string, string)[]
                 {
                     ("__RequestVerificationToken", token), ("revision", t.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                     ("reason", "Lý do"), ("note", "Ghi chú"), ("missingItems", "Giấy tờ còn thiếu"), ("unitId", t.World.OtherCommuneId.ToString()),
                     ("officialId", t.SpecialistId.ToString()), ("question", "Xin ý kiến"), ("dueAt", "2026-11-19T09:00"),
                     ("coordinationId", t.CoordinationId.ToString()), ("answer", "Đồng ý"), ("number", "99/TB"), ("description", "Nộp lệ phí"),
                     ("amount", "20.000"), ("method", "Desk"), ("reference", "BL-9999"), ("receivedBy", "Người lạ"), ("newDueAt", "2026-12-17T09:00"),
                     ("componentId", t.ComponentId.ToString()),
                 })
            form.Add(new StringContent(value), name);
        foreach (var field in new[] { "file", "files" })
        {
            var content = new ByteArrayContent(OfficeDossiers.Pdf);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, field, "tep.pdf");
        }
        return form;
    }
}
