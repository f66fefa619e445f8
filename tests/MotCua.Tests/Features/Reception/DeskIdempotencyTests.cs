using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Reception;
using MotCua.Web.Features.Dossiers;
using static MotCua.Tests.Pages.Office.Reception.ReceptionForms;

namespace MotCua.Tests.Features.Reception;

/// <summary>A desk reception sent twice — a double click, a resent form, a client retrying after a lost answer, at
/// the same instant or later — receives one dossier: the API through its Idempotency-Key header, the page through
/// the key it rendered into its form.</summary>
public sealed class DeskIdempotencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Reception(string idNumber) => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = "Lê Văn Khóa", idNumber, phone = "0912 345 678" },
        components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
    };

    private static HttpRequestMessage Post(object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private Task<List<Dossier>> DossiersOfAsync(string idNumber) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).Where(d => d.Applicant.IdNumber == idNumber).ToListAsync(Ct));

    [Fact]
    public async Task ReceiveApi_SameKeyEightTimesAtOnce_ReceivesOneDossierAndAnswersItEveryTime()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => desk.SendAsync(Post(Reception("079190000801"), key), Ct)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(Ct)));
        bodies.Select(b => b!.Id).Distinct().Count().ShouldBe(1);
        bodies.Select(b => b!.Code).Distinct().Count().ShouldBe(1);
        var stored = (await DossiersOfAsync("079190000801")).ShouldHaveSingleItem();
        stored.Id.ShouldBe(bodies[0]!.Id);
        stored.History.Count.ShouldBe(1);

        // A retry long after answers the same dossier too.
        var late = await desk.SendAsync(Post(Reception("079190000801"), key), Ct);
        late.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await late.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(Ct))!.Id.ShouldBe(stored.Id);
        (await DossiersOfAsync("079190000801")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ReceiveApi_WithoutKey_ReceivesEachRequestAsBefore()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        (await desk.SendAsync(Post(Reception("079190000802"), null), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await desk.SendAsync(Post(Reception("079190000802"), null), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await DossiersOfAsync("079190000802")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task ReceiveApi_KeyReusedForAnotherApplicant_Is422AndReceivesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var key = Guid.NewGuid().ToString();
        (await desk.SendAsync(Post(Reception("079190000803"), key), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var reused = await desk.SendAsync(Post(Reception("079190000804"), key), Ct);

        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("người nộp khác hoặc thủ tục khác");
        (await DossiersOfAsync("079190000804")).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveApi_SameKeyFromAnotherOfficial_IsTheirOwnReception()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var other = await app.ClientAsAsync("desk.other");
        const string key = "may-quet-01";

        var first = await desk.SendAsync(Post(Reception("079190000805"), key), Ct);
        var second = await other.SendAsync(Post(Reception("079190000805"), key), Ct);

        (first.StatusCode, second.StatusCode).ShouldBe((HttpStatusCode.Created, HttpStatusCode.Created));
        var dossiers = await DossiersOfAsync("079190000805");
        dossiers.Count.ShouldBe(2);
        dossiers.Select(d => d.History.Single().ActorName).ShouldBe(["Cán bộ desk", "Cán bộ desk.other"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("khoa co khoang trang")]
    [InlineData("k")]
    public async Task ReceiveApi_UnusableKey_Is400InVietnameseAndReceivesNothing(string key)
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        if (key == "k") key = new string('k', 201);
        var idNumber = key.Length > 200 ? "079190000806" : "079190000807";

        var response = await desk.SendAsync(Post(Reception(idNumber), key), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        problem!.Errors["Idempotency-Key"].Single().ShouldContain("Khóa chống gửi lặp");
        (await DossiersOfAsync(idNumber)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceivePage_SameFormPostedThreeTimesAtOnceWithAScan_ReceivesOneDossierWithOneFile()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync("/office/reception/desk?procedure=1.004222");
        var fields = FieldsOf(page, "#desk-form");
        fields["Input.FullName"] = "Phạm Thị Nhấp";
        fields["Input.IdNumber"] = "079190000808";
        foreach (var code in new[] { "TK", "CHO_O" }) fields[$"Input.Components[{RowOf(page, code)}].Received"] = "true";
        var scan = ($"Input.Components[{RowOf(page, "CHO_O")}].Scans", "hop-dong.pdf", Pdf);
        var filesBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct));

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostMultipartAsync(desk, ActionOf(page, "receive"), fields, scan)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Redirect);
        responses.Select(r => r.Headers.Location!.ToString()).Distinct().ShouldHaveSingleItem().ShouldStartWith("/office/forms/01/");
        var stored = (await DossiersOfAsync("079190000808")).ShouldHaveSingleItem();
        var files = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == stored.Id).SelectMany(d => d.Files).CountAsync(Ct));
        files.ShouldBe(1);
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync(Ct))).ShouldBe(filesBefore + 1);

        // The page opened again is a new reception, with a new key.
        var again = FieldsOf(await desk.GetPageAsync("/office/reception/desk?procedure=1.004222"), "#desk-form");
        again["FormKey"].ShouldNotBe(fields["FormKey"]);
    }
}
