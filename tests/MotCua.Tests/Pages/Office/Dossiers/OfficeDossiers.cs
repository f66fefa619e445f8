using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Pages.Office.Dossiers;

/// <summary>Dossiers for the office page tests, made the way the officials make them: through the API, each step
/// by the official whose role it is (and online submissions through the portal's handler).</summary>
public static class OfficeDossiers
{
    public static readonly byte[] Pdf = MotCua.Tests.Infrastructure.TestPdf.OnePage;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Applicant(string FullName, string IdNumber, string Phone);

    /// <summary>A residence registration (7 working days, 20.000 ₫ at the desk) received at the desk of Phường Một.</summary>
    public static async Task<ReceiveInPerson.Response> ReceiveAtDeskAsync(AppFactory app, Applicant applicant, string procedureCode = "1.004222")
    {
        var desk = await app.ClientAsAsync("desk");
        object[] components = procedureCode == "1.004222"
            ? [new { requirementCode = "TK" }, new { requirementCode = "CHO_O" }]
            : [new { requirementCode = "BAN_SAO" }];
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode,
            applicant = new { kind = "Person", fullName = applicant.FullName, idNumber = applicant.IdNumber, phone = applicant.Phone },
            components,
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!;
    }

    /// <summary>A citizen's online submission to the desk of Phường Một (status 1).</summary>
    public static Task<Dossier> SubmitOnlineAsync(AppFactory app, TestData.World world, Applicant applicant) =>
        app.WithServiceAsync<SubmitOnline.Handler, Dossier>(handler => handler.HandleAsync(
            new SubmitOnline.Request("1.004222", world.DeskId,
                new ApplicantInput(ApplicantKind.Person, applicant.FullName, applicant.IdNumber, applicant.Phone, null, null),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")], OnlineLevel.Full),
            Actor.Applicant(null, applicant.FullName), Ct));

    public static async Task<DossierSummary> PostAsync(AppFactory app, string userName, string url, object body)
    {
        var client = await app.ClientAsAsync(userName);
        var response = await client.PostAsJsonAsync(url, body, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }

    public static async Task<DossierSummary> PostFileAsync(AppFactory app, string userName, string url, string field, string fileName, params (string Name, string Value)[] values)
    {
        var client = await app.ClientAsAsync(userName);
        using var form = Multipart(field, fileName, values);
        var response = await client.PostAsync(url, form, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }

    public static MultipartFormDataContent Multipart(string field, string fileName, params (string Name, string Value)[] values)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(Pdf);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, field, fileName);
        foreach (var (name, value) in values) form.Add(new StringContent(value), name);
        return form;
    }

    public static Task<Guid> OfficialIdAsync(AppFactory app, string userName) =>
        app.WithDbAsync(db => db.Officials.Where(o => o.UserName == userName).Select(o => o.Id).SingleAsync());

    /// <summary>Received, handed to the department and assigned to the specialist: stage Appraisal.</summary>
    public static async Task<DossierSummary> ToAppraisalAsync(AppFactory app, TestData.World world, Guid id)
    {
        var s = await PostAsync(app, "desk", $"/api/dossiers/{id}/start-processing", new { unitId = world.JusticeId });
        return await PostAsync(app, "leader", $"/api/dossiers/{id}/assign", new { officialId = await OfficialIdAsync(app, "specialist"), revision = s.Revision });
    }

    /// <summary>All the way to a signed, issued result waiting at the desk (status 9).</summary>
    public static async Task<DossierSummary> ToDecidedAsync(AppFactory app, TestData.World world, Guid id)
    {
        var s = await ToAppraisalAsync(app, world, id);
        s = await PostFileAsync(app, "specialist", $"/api/dossiers/{id}/draft", "file", "du-thao.pdf", ("revision", Text(s.Revision)));
        s = await PostAsync(app, "specialist", $"/api/dossiers/{id}/submit-for-approval", new { revision = s.Revision });
        s = await PostAsync(app, "leader", $"/api/dossiers/{id}/approve", new { revision = s.Revision });
        return await PostFileAsync(app, "clerk", $"/api/dossiers/{id}/issue", "file", "ket-qua.pdf", ("number", "12/TB-UBND"), ("revision", Text(s.Revision)));
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The revision the page put in the given action's form.</summary>
    public static string RevisionIn(IHtmlDocument page, string handler) =>
        page.QuerySelector($"form[action*='handler={handler}'] input[name=revision]")?.GetAttribute("value")
        ?? throw new ShouldAssertException($"the page has no {handler} form");

    /// <summary>Rows of the table under the heading with this id, as text per cell.</summary>
    public static List<string[]> Rows(IHtmlDocument page, string tableLabelId) =>
        [.. page.QuerySelectorAll($"table[aria-labelledby='{tableLabelId}'] tbody tr")
            .Select(r => r.Children.Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToArray())];
}
