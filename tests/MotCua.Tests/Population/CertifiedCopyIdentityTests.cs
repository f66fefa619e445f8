using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Certification;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Population;

/// <summary>The certification page verifies the applicant as the desk does, by a recorded lookup in the population
/// database — it had a box "identity checked" whose tick the reception refuses (docs/adr/0033c), so a ticked certification
/// could never be made.</summary>
public sealed class CertifiedCopyIdentityTests(PopulationApp app) : IClassFixture<PopulationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Url = "/office/reception/chung-thuc-ban-sao";

    private static MultipartFormDataContent Form(AngleSharp.Html.Dom.IHtmlDocument page, Dictionary<string, string> fields, bool withScan)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("form[action*='handler=certify'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(page.QuerySelector("input[name=FormKey]")!.GetAttribute("value")!), "FormKey" },
            { new StringContent("2.000815"), "Input.ProcedureCode" },
        };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        if (withScan)
        {
            var file = new ByteArrayContent(CertifiedCopyTests.Scan(1));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "Input.Scan", "giay-khai-sinh.pdf");
        }
        return form;
    }

    [Fact]
    public async Task ThePage_VerifiesThroughThePopulationDatabase_AndTheCertifiedDossierIsMarkedSo()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var applicant = new Dictionary<string, string>
        {
            ["Input.IdNumber"] = "075196004321", ["Input.FullName"] = "tran thi mai", ["Input.BirthDate"] = "1996-07-20",
            ["Input.DocumentName"] = "Giấy khai sinh", ["Input.Compared"] = "true",
        };

        // The name as typed without diacritics does not match: said, nothing verified.
        var page = await desk.GetPageAsync(Url);
        using var mismatch = await desk.Http.PostAsync(Url + "?handler=verify", Form(page, applicant, withScan: false), Ct);
        var shown = await OfficeClient.ParseAsync(await mismatch.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector(".alert.error")!.TextContent.ShouldContain("không khớp");
        shown.QuerySelector("input[name='Input.IdentityVerification']").ShouldBeNull();

        applicant["Input.FullName"] = "Trần Thị Mai";
        using var verified = await desk.Http.PostAsync(Url + "?handler=verify", Form(shown, applicant, withScan: false), Ct);
        var confirmed = await OfficeClient.ParseAsync(await verified.Content.ReadAsStringAsync(Ct));
        confirmed.QuerySelector("#identity-verified")!.TextContent.ShouldContain("20/07/1996");
        applicant["Input.IdentityVerification"] = confirmed.QuerySelector("input[name='Input.IdentityVerification']")!.GetAttribute("value")!;

        using var certified = await desk.Http.PostAsync(Url + "?handler=certify", Form(confirmed, applicant, withScan: true), Ct);
        certified.StatusCode.ShouldBe(HttpStatusCode.Redirect, await certified.Content.ReadAsStringAsync(Ct));
        var dossier = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Applicant.IdNumber == "075196004321", Ct));
        (dossier.Status, dossier.IdentityCheck, dossier.IdentityVerified, dossier.Applicant.BirthDate)
            .ShouldBe((DossierStatus.Returned, IdentityCheck.PopulationDatabase, true, new DateOnly(1996, 7, 20)));
    }

    private static MultipartFormDataContent ApiForm(string idNumber, string name, object? identityVerified, Guid? identityVerification)
    {
        var request = new
        {
            procedureCode = "2.000815",
            applicant = new { kind = "Person", fullName = name, idNumber, phone = "0912345678" },
            documentName = "Giấy khai sinh",
            comparedWithOriginal = true,
            identityVerified,
            identityVerification,
        };
        var file = new ByteArrayContent(CertifiedCopyTests.Scan(1));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent
        {
            { new StringContent(System.Text.Json.JsonSerializer.Serialize(request), System.Text.Encoding.UTF8, "application/json"), Web.Features.Certification.CertifyAtDesk.RequestPart },
            { file, Web.Features.Certification.CertifyAtDesk.ScanPart, "ban-chinh.pdf" },
        };
    }

    [Fact]
    public async Task TheApi_RefusesAPostedFlag_AndTakesALookup()
    {
        await app.SeedWorldAsync();
        using var desk = await app.ClientAsAsync("desk");
        const string id = "075088007777", name = "Phạm Quốc Bảo";

        using var flagged = await desk.PostAsync("/api/certified-copies", ApiForm(id, name, true, null), Ct);
        flagged.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await flagged.Content.ReadAsStringAsync(Ct)).ShouldContain("identityVerification");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == id, Ct))).ShouldBe(0);

        var lookup = await desk.PostAsJsonAsync("/api/population/lookups", new { idNumber = id, fullName = name, birthDate = "1988-01-30" }, Ct);
        lookup.StatusCode.ShouldBe(HttpStatusCode.OK);
        var verification = (await lookup.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("identityVerification").GetGuid();
        using var certified = await desk.PostAsync("/api/certified-copies", ApiForm(id, name, null, verification), Ct);
        certified.StatusCode.ShouldBe(HttpStatusCode.Created, await certified.Content.ReadAsStringAsync(Ct));
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Applicant.IdNumber == id).Select(d => d.IdentityCheck).SingleAsync(Ct)))
            .ShouldBe(IdentityCheck.PopulationDatabase);
    }
}
