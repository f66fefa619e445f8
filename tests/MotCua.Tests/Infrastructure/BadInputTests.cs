using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Pages.Office.Reception;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Infrastructure;

/// <summary>Bad input is answered 400/422 with a Vietnamese ProblemDetails that names the field, and changes
/// nothing: wrong types, unknown enum numbers, absurd dates, huge texts and lists, NUL characters, nulls in lists.</summary>
public sealed class BadInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object DeskBody(string idNumber, object?[] components) => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = "Lý Văn Kiểm", idNumber, phone = "0987654321" },
        components,
        reason = "Thiếu giấy tờ",
    };

    private static async Task<DossierSummary> ReceiveAsync(HttpClient desk, string idNumber)
    {
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk",
            DeskBody(idNumber, [new { requirementCode = "TK" }, new { requirementCode = "CHO_O" }]), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var id = (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!.Id;
        var v = (await desk.GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{id}", TestJson.Options, Ct))!;
        return new DossierSummary(v.Id, v.Code, v.Status, v.StatusName, null, null, v.Revision);
    }

    /// <summary>A 400 ProblemDetails whose detail is Vietnamese and names <paramref name="field"/>.</summary>
    private static async Task<ProblemDetails> ShouldBeBadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemDetails>(text, TestJson.Options)!;
        problem.Detail.ShouldNotBeNull(text);
        problem.Detail.ShouldContain(field, Case.Insensitive, text);
        problem.Detail.ShouldNotContain("định dạng JSON", Case.Insensitive, text);
        problem.Detail.Any(c => "ạảãáàâấầẩẫậăắằẳẵặđẹẻẽéèêếềểễệịỉĩíìọỏõóòôốồổỗộơớờởỡợụủũúùưứừửữựỳýỷỹỵ".Contains(char.ToLowerInvariant(c)))
            .ShouldBeTrue($"not Vietnamese: {problem.Detail}");
        return problem;
    }

    /// <summary>PostgreSQL cannot compare text with NUL: these searches answered 500 there.</summary>
    [Theory]
    [InlineData("/api/dossiers/?q=%00", "q")]
    [InlineData("/api/dossiers/?q=a%00b&page=2", "q")]
    [InlineData("/api/procedures/?q=%00", "q")]
    public async Task ApiQuery_WithANulCharacter_Is400NamingTheParameter(string url, string parameter)
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        await ShouldBeBadRequestNamingAsync(await desk.GetAsync(url, Ct), parameter);
    }

    [Theory]
    [InlineData("/thu-tuc?q=%00")]
    [InlineData("/tra-cuu?ma=%00&khoa=%00")]
    public async Task PageQuery_WithANulCharacter_Is400WithTheVietnameseStatusPage(string url)
    {
        await app.SeedWorldAsync();
        var response = await app.CreateClient().GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("<html", Case.Insensitive);
    }

    [Fact]
    public async Task Apology_WithYear9999_Is400NamingTheDateAndChangesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var dossier = await ReceiveAsync(desk, "079190070001");

        var response = await leader.PostAsJsonAsync($"/api/dossiers/{dossier.Id}/apology",
            new { reason = "Chậm do xác minh", newDueAtUtc = "9999-12-31T00:00:00Z", revision = dossier.Revision }, Ct);

        await ShouldBeBadRequestNamingAsync(response, "newDueAtUtc");
        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id, Ct))).Revision.ShouldBe(dossier.Revision);
    }

    [Theory]
    [InlineData("/api/dossiers/desk")]
    [InlineData("/api/dossiers/desk/refusals")]
    public async Task Desk_WithANullComponent_Is400NamingTheListAndSavesNothing(string url)
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var idNumber = url.EndsWith("refusals", StringComparison.Ordinal) ? "079190070003" : "079190070002";

        var response = await desk.PostAsJsonAsync(url, DeskBody(idNumber, [null]), Ct);

        await ShouldBeBadRequestNamingAsync(response, "components");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == idNumber, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task WrongType_IsNamedWithTheField_NotCalledBadJson()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var dossier = await ReceiveAsync(desk, "079190070004");

        var response = await desk.PostAsync($"/api/dossiers/{dossier.Id}/payments",
            new StringContent("""{"amount":"hai mươi nghìn","method":"Desk","reference":"BL-1","revision":2}""", Encoding.UTF8, "application/json"), Ct);

        var problem = await ShouldBeBadRequestNamingAsync(response, "amount");
        problem.Detail!.ShouldContain("số");
    }

    [Fact]
    public async Task UnknownEnumNumber_IsRefused_AndNotStored()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var admin = await app.ClientAsAsync("admin");
        var dossier = await ReceiveAsync(desk, "079190070005");

        var payment = await desk.PostAsJsonAsync($"/api/dossiers/{dossier.Id}/payments",
            new { amount = 20_000, method = 99, reference = "BL-2", revision = dossier.Revision }, Ct);
        var day = await admin.PostAsJsonAsync("/api/calendar/2027/days", new { date = "2027-03-03", kind = 99, reason = "Thử" }, Ct);

        await ShouldBeBadRequestNamingAsync(payment, "method");
        await ShouldBeBadRequestNamingAsync(day, "kind");
        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Payments).SingleAsync(d => d.Id == dossier.Id, Ct))).Payments.ShouldBeEmpty();
        (await app.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date == new DateOnly(2027, 3, 3), Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task AMegabyteReason_IsRefusedWithTheLimit_AndNotStored()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var dossier = await ReceiveAsync(desk, "079190070006");

        var response = await leader.PostAsJsonAsync($"/api/dossiers/{dossier.Id}/stop",
            new { reason = new string('x', 1024 * 1024), revision = dossier.Revision }, Ct);

        var problem = await ShouldBeBadRequestNamingAsync(response, "reason");
        problem.Detail!.ShouldContain("tối đa");
        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id, Ct))).Status.ShouldBe(DossierStatus.Received);
    }

    [Fact]
    public async Task ANulCharacter_IsRefused()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var dossier = await ReceiveAsync(desk, "079190070007");

        var response = await leader.PostAsJsonAsync($"/api/dossiers/{dossier.Id}/stop", new { reason = "Dừng\0 xử lý", revision = dossier.Revision }, Ct);

        await ShouldBeBadRequestNamingAsync(response, "reason");
        (await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id, Ct))).Status.ShouldBe(DossierStatus.Received);
    }

    [Fact]
    public async Task ATooLongList_IsRefused()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var dossier = await ReceiveAsync(desk, "079190070008");

        var response = await desk.PostAsJsonAsync($"/api/dossiers/{dossier.Id}/supplement-requests",
            new { reason = "Thiếu giấy tờ", missingItems = Enumerable.Range(1, 1000).Select(i => $"Giấy tờ {i}").ToArray(), revision = dossier.Revision }, Ct);

        await ShouldBeBadRequestNamingAsync(response, "missingItems");
    }

    [Fact]
    public async Task PagingPastTheEnd_IsAnEmptyPageWithoutMore()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        await ReceiveAsync(desk, "079190070009");

        foreach (var page in new[] { 21474838, int.MaxValue, 1000 })
        {
            var list = await desk.GetFromJsonAsync<ListDossiers.Page>($"/api/dossiers?page={page}&pageSize=100", TestJson.Options, Ct);
            list!.Items.ShouldBeEmpty($"page {page}");
            list.HasMore.ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task RegisterForm07_WithAnAbsurdStartDate_Is400WithTheReason(string from)
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await desk.Http.GetAsync($"/office/forms/07?from={from}", Ct);
        var export = await desk.Http.GetAsync($"/office/forms/07/export?from={from}", Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync(Ct)).ShouldContain("Ngày bắt đầu");
        export.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeskPage_WithPostmarkInYearOne_ShowsWhyAndSavesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync("/office/reception/desk?procedure=1.004222");
        var fields = ReceptionForms.FieldsOf(page, "#desk-form");
        fields["Input.FullName"] = "Lý Văn Bưu";
        fields["Input.IdNumber"] = "079190070010";
        fields["Input.Channel"] = "Postal";
        fields["Input.PostmarkDate"] = "0001-01-01";
        foreach (var code in new[] { "TK", "CHO_O" }) fields[$"Input.Components[{ReceptionForms.RowOf(page, code)}].Received"] = "true";

        var response = await ReceptionForms.PostMultipartAsync(desk, ReceptionForms.ActionOf(page, "receive"), fields);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));
        shown.QuerySelector("[role=alert]")!.TextContent.ShouldContain("dấu bưu điện");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == "079190070010", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task TooManyFilesInOneUpload_AreRefused_AndNoneIsStored()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var dossier = await ReceiveAsync(desk, "079190070011");
        var view = (await desk.GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{dossier.Id}", TestJson.Options, Ct))!;
        var filesBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct));
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < 300; i++) form.Add(new ByteArrayContent(ReceptionForms.Pdf), "files", $"trang-{i}.pdf");
        form.Add(new StringContent(dossier.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), "revision");

        var response = await desk.PostAsync($"/api/dossiers/{dossier.Id}/components/{view.Components[0].Id}/scans", form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("tối đa");
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct))).ShouldBe(filesBefore);
    }

    [Fact]
    public async Task DeskPage_WithANulCharacterInAName_Is400AndSavesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync("/office/reception/desk?procedure=1.004222");
        var fields = ReceptionForms.FieldsOf(page, "#desk-form");
        fields["Input.FullName"] = "Lý Văn\0 Nul";
        fields["Input.IdNumber"] = "079190070012";
        foreach (var code in new[] { "TK", "CHO_O" }) fields[$"Input.Components[{ReceptionForms.RowOf(page, code)}].Received"] = "true";

        var response = await ReceptionForms.PostMultipartAsync(desk, ReceptionForms.ActionOf(page, "receive"), fields);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Input.FullName");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == "079190070012", Ct))).ShouldBe(0);
    }
}
