using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Features.Reception;

/// <summary>The API's desk reception with its scans: the JSON request of <c>POST /api/dossiers/desk</c> sent as the
/// "dossier" part of a multipart form, each scan in a part named "component:{code}". It is the page's reception
/// (one handler): the components with scans are digitized, the files are downloadable and filed into the citizen's
/// store, a bad file refuses the whole reception and leaves nothing behind — no dossier, no row, no bytes.</summary>
public sealed class DeskReceptionScansApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Reception(string idNumber, string channel = "Desk", Guid? competentUnitId = null) => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = "Hà Thị Quét", idNumber, phone = "0912 345 600" },
        components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        channel,
        competentUnitId,
    };

    private static MultipartFormDataContent Form(object? dossier, params (string Part, string FileName, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        if (dossier is not null) form.Add(new StringContent(JsonSerializer.Serialize(dossier), System.Text.Encoding.UTF8, "application/json"), "dossier");
        foreach (var (part, fileName, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, part, fileName);
        }
        return form;
    }

    private static HttpRequestMessage Post(HttpContent content, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk") { Content = content };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private Task<int> DossiersOfAsync(string idNumber) => app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == idNumber, Ct));

    /// <summary>What the store holds: rows and bytes (pending marks included).</summary>
    private async Task<(int Rows, int Bytes)> StoredAsync()
    {
        var folder = Path.Combine(app.Database.DataDirectory, "files");
        var bytes = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count() : 0;
        return (await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct)), bytes);
    }

    [Fact]
    public async Task ReceiveApi_WithScans_ReceivesTheDossierWithItsComponentsDigitizedDownloadableAndInTheCitizensStore()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var before = await StoredAsync();

        var response = await desk.SendAsync(Post(Form(Reception("079190000901"),
            ("component:CHO_O", "hop-dong-trang-1.pdf", TestPdf.OnePage), ("component:CHO_O", "hop-dong-trang-2.pdf", TestPdf.OnePage))), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!;
        response.Headers.Location!.ToString().ShouldBe($"/api/dossiers/{body.Id}");
        var view = (await desk.GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{body.Id}", TestJson.Options, Ct))!;
        view.Components.Single(c => c.Code == "CHO_O").Digitized.ShouldBeTrue();
        view.Components.Single(c => c.Code == "TK").Digitized.ShouldBeFalse();
        var component = view.Components.Single(c => c.Code == "CHO_O").Id;
        var files = view.Files.Where(f => f.ComponentId == component).ToList();
        files.Select(f => f.FileName).ShouldBe(["hop-dong-trang-1.pdf", "hop-dong-trang-2.pdf"], ignoreOrder: true);
        view.History.Select(e => e.Description).ShouldContain(d => d.Contains("Số hóa \"hop-dong-trang-1.pdf\"", StringComparison.Ordinal));
        (await StoredAsync()).ShouldBe((before.Rows + 2, before.Bytes + 2));

        var office = await OfficeClient.SignInAsync(app, "desk");
        var download = await office.Http.GetAsync($"/office/files/{files[0].Id}", Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(TestPdf.OnePage);

        var inStore = await app.WithDbAsync(db => db.CitizenDocuments.AsNoTracking()
            .Where(d => d.SourceDossierId == body.Id).Select(d => new { d.OwnerIdNumber, d.StoredFileId, d.ComponentCode }).ToListAsync(Ct));
        inStore.Select(d => d.StoredFileId).ShouldBe(files.Select(f => f.StoredFileId!.Value), ignoreOrder: true);
        inStore.ShouldAllBe(d => d.OwnerIdNumber == "079190000901" && d.ComponentCode == "CHO_O");
    }

    [Fact]
    public async Task ReceiveApi_WithScans_SameKeyFourTimesAtOnce_ReceivesOneDossierAndStoresTheScanOnce()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var key = Guid.NewGuid().ToString();
        var before = await StoredAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            desk.SendAsync(Post(Form(Reception("079190000902"), ("component:CHO_O", "hop-dong.pdf", TestPdf.OnePage)), key), Ct)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!.Id));
        ids.Distinct().ShouldHaveSingleItem();
        (await DossiersOfAsync("079190000902")).ShouldBe(1);
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == ids[0]).SelectMany(d => d.Files).CountAsync(Ct))).ShouldBe(1);
        (await StoredAsync()).ShouldBe((before.Rows + 1, before.Bytes + 1));
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "fake-pdf", "Tệp \"gia-mao.pdf\" không phải PDF" },
        { "broken-pdf", "Tệp \"gia-mao.pdf\" bị từ chối" },
        { "empty", "Tệp \"gia-mao.pdf\" rỗng" },
        { "huge", "Tệp \"gia-mao.pdf\" dung lượng" },
        { "too-many", "tối đa 50 tệp cho một thành phần" },
        { "unknown-component", "Thành phần hồ sơ không thuộc thủ tục: KHONG_CO" },
    };

    /// <summary>A good scan goes first each time, so that a refusal must also undo what was already written.</summary>
    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ReceiveApi_WithABadScan_Is422NamingItAndLeavesNothingBehind(string bad, string expected)
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var idNumber = "0791900009" + bad switch { "fake-pdf" => "10", "broken-pdf" => "11", "empty" => "12", "huge" => "13", "too-many" => "14", _ => "15" };
        var good = ("component:TK", "to-khai.pdf", TestPdf.OnePage);
        (string, string, byte[])[] files = bad switch
        {
            "fake-pdf" => [good, ("component:CHO_O", "gia-mao.pdf", "MZ not a pdf at all"u8.ToArray())],
            "broken-pdf" => [good, ("component:CHO_O", "gia-mao.pdf", "%PDF-1.4\nkhong phai pdf\n%%EOF"u8.ToArray())],
            "empty" => [good, ("component:CHO_O", "gia-mao.pdf", [])],
            "huge" => [good, ("component:CHO_O", "gia-mao.pdf", TestPdf.Create(padding: 10 * 1024 * 1024 + 1))],
            "too-many" => [good, .. Enumerable.Range(1, 51).Select(i => ("component:CHO_O", $"trang-{i}.pdf", TestPdf.OnePage))],
            _ => [good, ("component:KHONG_CO", "la.pdf", TestPdf.OnePage)],
        };
        var before = await StoredAsync();

        var response = await desk.SendAsync(Post(Form(Reception(idNumber), files)), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync(Ct));
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain(expected);
        (await DossiersOfAsync(idNumber)).ShouldBe(0);
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ReceiveApi_Multipart_RefusesWhatThePageRefuses_AndReceivesNothing()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var before = await StoredAsync();
        var scan = ("component:CHO_O", "hop-dong.pdf", TestPdf.OnePage);

        // By post without the postmark's date.
        var postal = await desk.SendAsync(Post(Form(Reception("079190000920", channel: "Postal"), scan)), Ct);
        postal.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        // A competent unit that cannot decide the procedure (a department, not a commune).
        var competent = await desk.SendAsync(Post(Form(Reception("079190000921", competentUnitId: world.JusticeId), scan)), Ct);
        competent.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await competent.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("không có thẩm quyền giải quyết");
        // The online channel is not a desk's.
        var online = await desk.SendAsync(Post(Form(Reception("079190000922", channel: "Online"), scan)), Ct);
        online.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await online.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors["channel"].Single().ShouldContain("trực tiếp (1) hoặc bưu chính (3)");

        foreach (var idNumber in new[] { "079190000920", "079190000921", "079190000922" }) (await DossiersOfAsync(idNumber)).ShouldBe(0);
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ReceiveApi_MalformedMultipart_Is400NamingThePart()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var before = await StoredAsync();
        var scan = ("component:CHO_O", "hop-dong.pdf", TestPdf.OnePage);

        async Task<ValidationProblemDetails> BadRequestAsync(HttpContent content)
        {
            var response = await desk.SendAsync(Post(content), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
            return (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        }

        (await BadRequestAsync(Form(null, scan))).Errors["dossier"].Single().ShouldContain("Thiếu phần \"dossier\"");
        (await BadRequestAsync(Form(Reception("079190000930"), ("scan", "hop-dong.pdf", TestPdf.OnePage)))).Errors["scan"].Single()
            .ShouldContain("\"hop-dong.pdf\"");
        var missingName = new { procedureCode = "1.004222", applicant = new { kind = "Person", idNumber = "079190000931" }, components = Array.Empty<object>() };
        (await BadRequestAsync(Form(missingName, scan))).Errors.Keys.ShouldContain("dossier.applicant.fullName");
        var broken = new MultipartFormDataContent { { new StringContent("{ khong phai json"), "dossier" } };
        (await BadRequestAsync(broken)).Errors["dossier"].Single().ShouldContain("JSON");

        (await DossiersOfAsync("079190000930")).ShouldBe(0);
        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ReceiveApi_WithScans_ByAnyoneButADeskOfficial_IsRefusedAndReceivesNothing()
    {
        await app.SeedWorldAsync();
        var before = await StoredAsync();
        var scan = ("component:CHO_O", "hop-dong.pdf", TestPdf.OnePage);

        var anonymous = await app.CreateClient().SendAsync(Post(Form(Reception("079190000940"), scan)), Ct);
        var specialist = await (await app.ClientAsAsync("specialist")).SendAsync(Post(Form(Reception("079190000940"), scan)), Ct);
        var citizen = await (await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone)).Http.SendAsync(Post(Form(Reception("079190000940"), scan)), Ct);

        (anonymous.StatusCode, specialist.StatusCode, citizen.StatusCode)
            .ShouldBe((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden));
        (await DossiersOfAsync("079190000940")).ShouldBe(0);
        (await StoredAsync()).ShouldBe(before);
    }

    /// <summary>Two bodies at one address: anything else is still refused as before, in Vietnamese, never a 5xx.</summary>
    [Fact]
    public async Task ReceiveApi_NeitherJsonNorMultipart_IsRefusedAsBefore()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var text = await desk.SendAsync(Post(new StringContent("procedureCode=1.004222", System.Text.Encoding.UTF8, "text/plain")), Ct);
        var none = await desk.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk"), Ct);

        text.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await text.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Title!.ShouldBe("Định dạng không được hỗ trợ");
        ((int)none.StatusCode).ShouldBeInRange(400, 499);
        (await none.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Title!.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheDeskReceptionWithScans()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct);
        using var doc = JsonDocument.Parse(json);

        var desk = doc.RootElement.GetProperty("paths").GetProperty("/api/dossiers/desk").GetProperty("post");
        var content = desk.GetProperty("requestBody").GetProperty("content");
        content.TryGetProperty("application/json", out _).ShouldBeTrue();
        var multipart = content.GetProperty("multipart/form-data");
        multipart.GetProperty("schema").GetProperty("properties").TryGetProperty("dossier", out _).ShouldBeTrue();
        multipart.GetProperty("encoding").GetProperty("dossier").GetProperty("contentType").GetString().ShouldBe("application/json");
        desk.GetProperty("description").GetString()!.ShouldContain("component:");
    }
}
