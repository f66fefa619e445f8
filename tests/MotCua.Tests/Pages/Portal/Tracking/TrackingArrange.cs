using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;

namespace MotCua.Tests.Pages.Portal.Tracking;

/// <summary>Citizens and their dossiers for the tracking, data store and rating tests: accounts made through
/// Identity, dossiers submitted through the portal's handler and moved on by the officials whose role it is.</summary>
public static class TrackingArrange
{
    /// <summary>A procedure whose result expires (a marriage-status certificate is valid for 6 months), without fees;
    /// its components are the residence registration's.</summary>
    public const string ExpiringProcedureCode = "1.004873";
    public const string ExpiringResultName = "Giấy xác nhận tình trạng hôn nhân";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Person(Guid AccountId, string FullName, string IdNumber, string Phone);

    /// <summary>A portal account of its own for each test, so that tests sharing the app do not see each other's dossiers.</summary>
    public static async Task<Person> CitizenAsync(AppFactory app, string fullName, string idNumber, string phone, bool verified = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var citizen = new Citizen
        {
            Id = Guid.NewGuid(), UserName = idNumber, FullName = fullName, PersonalIdNumber = idNumber, PhoneNumber = phone,
            VerifiedWithElectronicIdentity = verified,
        };
        (await users.CreateAsync(citizen, TestData.Password)).Succeeded.ShouldBeTrue();
        return new Person(citizen.Id, fullName, idNumber, phone);
    }

    public static Task<OfficeClient> SignInAsync(AppFactory app, Person person) => OfficeClient.SignInCitizenAsync(app, person.Phone);

    public static Task SetVerifiedAsync(AppFactory app, Person person, bool verified) =>
        app.WithDbAsync(async db =>
        {
            var citizen = await db.Citizens.SingleAsync(c => c.Id == person.AccountId);
            citizen.VerifiedWithElectronicIdentity = verified;
            await db.SaveChangesAsync();
        });

    /// <summary>The person's own online submission from their account (status 1).</summary>
    public static Task<Dossier> SubmitAsync(AppFactory app, TestData.World world, Person person, string procedureCode = "1.004222") =>
        app.WithServiceAsync<SubmitOnline.Handler, Dossier>(handler => handler.HandleAsync(
            new SubmitOnline.Request(procedureCode, world.DeskId,
                new ApplicantInput(ApplicantKind.Person, person.FullName, person.IdNumber, person.Phone, null, null),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")],
                OnlineLevel.Full, Submission: new Dossier.OnlineSubmission(Guid.NewGuid(), person.AccountId)),
            Actor.Applicant(person.AccountId, person.FullName), Ct));

    public static Task<DossierSummary> ReceiveAsync(AppFactory app, Guid id) =>
        OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{id}/receive", new { });

    public static Task<DossierSummary> RequestSupplementAsync(AppFactory app, Guid id, string reason, params string[] missingItems) =>
        OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{id}/supplement-requests", new { reason, missingItems });

    /// <summary>Received, processed, issued, fees paid and returned electronically (status 10).</summary>
    public static async Task ToReturnedAsync(AppFactory app, TestData.World world, Guid id)
    {
        await ReceiveAsync(app, id);
        await ToReturnedFromReceivedAsync(app, world, id);
    }

    public static async Task ToReturnedFromReceivedAsync(AppFactory app, TestData.World world, Guid id)
    {
        await OfficeDossiers.ToDecidedAsync(app, world, id);
        await PayAndReturnAsync(app, id);
    }

    public static async Task PayAndReturnAsync(AppFactory app, Guid id)
    {
        var owed = await app.WithDbAsync(async db =>
        {
            var d = await db.Dossiers.AsNoTracking().Include(x => x.Fees).Include(x => x.Payments).SingleAsync(x => x.Id == id);
            return d.FeesOwed - d.AmountPaid;
        });
        if (owed > 0)
            await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{id}/payments", new { amount = owed, method = "Desk", reference = "BL-" + id.ToString("N")[..8] });
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{id}/return", new { method = "Electronic" });
    }

    /// <summary>Publishes the expiring procedure once per app.</summary>
    public static async Task EnsureExpiringProcedureAsync(AppFactory app)
    {
        await app.WithDbAsync(async db =>
        {
            if (await db.Procedures.AnyAsync(p => p.Code == ExpiringProcedureCode)) return;
            var procedure = new Procedure(Guid.NewGuid(), ExpiringProcedureCode);
            procedure.Publish(TestData.Residence() with
            {
                Name = "Cấp Giấy xác nhận tình trạng hôn nhân",
                FieldCode = "HT",
                FieldName = "Hộ tịch",
                ResultName = ExpiringResultName,
                ResultValidityMonths = 6,
                ResultDocumentCode = "XAC_NHAN_TTHN",
                Fees = [],
            }, new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync();
        });
    }

    public static string Url(string code) => "/ho-so-cua-toi/" + code;

    public static async Task<HttpResponseMessage> GetAsync(OfficeClient client, string url) =>
        await client.Http.GetAsync(url, Ct);

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));

    public static string TokenIn(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new ShouldAssertException("the page has no antiforgery token");

    public static string RevisionIn(IHtmlDocument page, string handler) =>
        page.QuerySelector($"form[action*='handler={handler}'] input[name=revision]")?.GetAttribute("value")
        ?? throw new ShouldAssertException($"the page has no {handler} form");

    /// <summary>Posts the supplement form as a browser would: multipart, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostSupplementAsync(OfficeClient client, string code, string revision, string? note,
        params (Guid? ComponentId, (string FileName, byte[] Bytes)[] Files)[] rows)
    {
        var page = await client.GetPageAsync(Url(code));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TokenIn(page)), "__RequestVerificationToken" },
            { new StringContent(revision), "revision" },
        };
        if (note is not null) form.Add(new StringContent(note), "note");
        for (var i = 0; i < rows.Length; i++)
        {
            form.Add(new StringContent(rows[i].ComponentId?.ToString() ?? ""), $"uploads[{i}].ComponentId");
            foreach (var (fileName, bytes) in rows[i].Files)
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(content, $"uploads[{i}].Files", fileName);
            }
        }
        return await client.Http.PostAsync($"{Url(code)}?handler=Supplement", form, Ct);
    }

    public static Task<HttpResponseMessage> PostActionAsync(OfficeClient client, string code, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync(Url(code), $"{Url(code)}?handler={handler}", fields);

    public static void ShouldRedirectTo(this HttpResponseMessage response, string location)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Uri.UnescapeDataString(response.Headers.Location!.ToString()).ShouldBe(location);
    }

    /// <summary>The terms and descriptions of the first <c>dl.facts</c> inside the element, as text.</summary>
    public static Dictionary<string, string> Facts(AngleSharp.Dom.IElement? scope) =>
        (scope ?? throw new ShouldAssertException("no such element")).QuerySelectorAll("dl.facts > dt")
        .ToDictionary(dt => TextOf(dt), dt => TextOf(dt.NextElementSibling));

    /// <summary>The visible text of an element, whitespace collapsed.</summary>
    public static string TextOf(AngleSharp.Dom.IElement? element) =>
        string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
