using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Pages.Office.Forms;

/// <summary>Drives real dossiers through the API, each step by the official whose role it is, and reads the printed
/// forms as the office would.</summary>
internal static partial class FormsJourney
{
    public const string Applicant = "Đỗ Thị Hoa";
    private static readonly byte[] Pdf = MotCua.Tests.Infrastructure.TestPdf.OnePage;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tuesday 17/11/2026 09:00 in Vietnam (02:00 UTC): a form printing UTC would show 02:00.</summary>
    public static DateTime Tuesday17 => TestClock.Vn(2026, 11, 17, 9, 0);

    public static async Task<ReceiveInPerson.Response> ReceiveAsync(HttpClient desk)
    {
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new
            {
                kind = "Person", fullName = Applicant, idNumber = "079195004321", phone = "0987654321", email = "hoa.do@example.vn",
                address = "Số 12 đường Lê Lợi, khu phố 3, phường Một",
            },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
            sets = 2,
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!;
    }

    public static async Task<DossierSummary> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ShouldAssertException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }

    public static async Task<DossierSummary> PostFileAsync(HttpClient client, string url, string fileName, params (string Name, string Value)[] values)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(Pdf);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        foreach (var (name, value) in values) form.Add(new StringContent(value), name);
        var response = await client.PostAsync(url, form, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ShouldAssertException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }

    public static Task<Guid> OfficialIdAsync(AppFactory app, string userName) =>
        app.WithDbAsync(db => db.Officials.Where(o => o.UserName == userName).Select(o => o.Id).SingleAsync());

    /// <summary>A refusal at the desk, recorded through the aggregate as the desk's own reception would.</summary>
    public static async Task<(Guid Id, string Code)> RefuseAtDeskAsync(AppFactory app, TestData.World world, string reason)
    {
        var deskId = await OfficialIdAsync(app, "desk");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCua.Web.Infrastructure.AppDbContext>();
        var intakes = scope.ServiceProvider.GetRequiredService<IntakeBuilder>();
        var codes = scope.ServiceProvider.GetRequiredService<DossierCodeGenerator>();
        var built = await intakes.BuildAsync("1.004222", world.DeskId, null,
            new ApplicantInput(ApplicantKind.Person, Applicant, "079195004321", "0987654321", null, "Khu phố 3, phường Một"),
            [new ComponentInput("TK"), new ComponentInput("CHO_O")], Channel.Desk, null, null, 1, 1, 1, IdentityCheck.None, Ct);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        var code = await codes.NextAsync(built.AgencyCode, now, Ct);
        var actor = new Actor(deskId, "Cán bộ desk", "Cán bộ một cửa", world.DeskId, "Trung tâm Phục vụ hành chính công phường Một");
        var dossier = Dossier.RefuseInPerson(built.Intake, Channel.Desk, code, reason, actor, now);
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync(Ct);
        await tx.CommitAsync(Ct);
        return (dossier.Id, code);
    }

    public sealed record Page(HttpStatusCode Status, string Html, IHtmlDocument Document)
    {
        /// <summary>The visible text with runs of white space folded, as a reader sees it.</summary>
        public string Text => Spaces().Replace(Document.Body?.TextContent ?? "", " ");
    }

    public static async Task<Page> GetAsync(OfficeClient client, string url)
    {
        var response = await client.Http.GetAsync(url, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        return new Page(response.StatusCode, html, await OfficeClient.ParseAsync(html));
    }

    public static async Task<Page> GetFormAsync(OfficeClient client, string url)
    {
        var page = await GetAsync(client, url);
        page.Status.ShouldBe(HttpStatusCode.OK, page.Html[..Math.Min(page.Html.Length, 2000)]);
        ShouldBeCleanVietnamese(page.Html);
        return page;
    }

    /// <summary>Vietnamese goes out as NFC text: no decomposed marks, no replacement characters, no numeric
    /// entities standing in for letters.</summary>
    public static void ShouldBeCleanVietnamese(string html)
    {
        html.IsNormalized(NormalizationForm.FormC).ShouldBeTrue("the page is not NFC");
        html.ShouldNotContain("\uFFFD");
        NumericEntity().IsMatch(html).ShouldBeFalse($"entity-escaped text: {NumericEntity().Match(html).Value}");
    }

    public static void ShouldHaveTheNationalHeader(Page page, string formNumber, string? code)
    {
        var text = page.Text;
        text.ShouldContain("ỦY BAN NHÂN DÂN PHƯỜNG MỘT");
        text.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        text.ShouldContain("Một, ngày 17 tháng 11 năm 2026");
        page.Document.QuerySelector(".form-number")!.TextContent.ShouldBe(formNumber);
        if (code is not null) page.Document.QuerySelector(".dossier-code")!.TextContent.ShouldContain(code);
        // The button prints through wwwroot/js/print.js: the Content-Security-Policy refuses onclick attributes.
        page.Document.QuerySelector("button.print-button").ShouldNotBeNull();
        page.Document.QuerySelector("script[src^='/js/print.js']").ShouldNotBeNull();
        page.Document.QuerySelector(".form-toolbar")!.ClassList.ShouldContain("no-print");
        // Printed on its own: no office menu around the form.
        page.Document.QuerySelector(".office-nav").ShouldBeNull();
    }

    public static string Iso(DateTime utc) => utc.ToString("O", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"&#(?:x[0-9A-Fa-f]+|[0-9]+);")]
    private static partial Regex NumericEntity();
}
