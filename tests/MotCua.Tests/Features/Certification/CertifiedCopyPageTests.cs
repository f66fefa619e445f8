using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Features.Certification;

/// <summary>The desk's page for a certified copy (docs/adr/0033e): without the comparison ticked it shows the reason and
/// receives nothing; ticked, one post certifies and the page says the book number.</summary>
public sealed class CertifiedCopyPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Url = "/office/reception/chung-thuc-ban-sao";

    private static async Task<HttpResponseMessage> PostAsync(OfficeClient desk, string idNumber, bool compared)
    {
        var page = await desk.GetPageAsync(Url);
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(page.QuerySelector("input[name=FormKey]")!.GetAttribute("value")!), "FormKey" },
            { new StringContent("2.000815"), "Input.ProcedureCode" },
            { new StringContent(idNumber), "Input.IdNumber" },
            { new StringContent("Đỗ Thị Quầy"), "Input.FullName" },
            { new StringContent("0912000999"), "Input.Phone" },
            { new StringContent("Giấy khai sinh"), "Input.DocumentName" },
        };
        if (compared) form.Add(new StringContent("true"), "Input.Compared");
        var file = new ByteArrayContent(CertifiedCopyTests.Scan(4));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Input.Scan", "giay-khai-sinh.pdf");
        return await desk.Http.PostAsync(Url + "?handler=certify", form, Ct);
    }

    [Fact]
    public async Task WithoutTheComparison_ThePageSaysWhy_AndNothingIsReceived_ThenOnePostCertifies()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        const string idNumber = "001190077001";

        using var refused = await PostAsync(desk, idNumber, compared: false);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await refused.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector(".alert.error")!.TextContent.ShouldContain("Đã đối chiếu với bản chính");
        shown.QuerySelector("#full-name")!.GetAttribute("value").ShouldBe("Đỗ Thị Quầy");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == idNumber, Ct))).ShouldBe(0);

        using var certified = await PostAsync(desk, idNumber, compared: true);
        certified.StatusCode.ShouldBe(HttpStatusCode.Redirect, await certified.Content.ReadAsStringAsync(Ct));
        var after = await desk.GetPageAsync(certified.Headers.Location!.OriginalString);
        var notice = after.QuerySelector("#certified")!.TextContent;
        notice.ShouldContain("/SCT/BS");
        notice.ShouldContain("4 trang");
        notice.ShouldContain("6.000");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == idNumber && d.Status == Web.Features.Dossiers.DossierStatus.Returned, Ct)))
            .ShouldBe(1);
    }
}
