using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Features.Processing;

/// <summary>The whole desk-to-return journey through the HTTP API, each step by the official whose role it is,
/// with the persisted dossier checked at the end.</summary>
public sealed class ProcessingApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly byte[] Pdf = MotCua.Tests.Infrastructure.TestPdf.OnePage;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ReceiveInPerson.Response> ReceiveAsync(HttpClient desk)
    {
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Đỗ Thị Hoa", idNumber = "079195004321", phone = "0987654321" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!;
    }

    private static async Task<DossierSummary> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ShouldAssertException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }

    private static MultipartFormDataContent Form(byte[] file, string fileName, string field = "file", params (string Name, string Value)[] values)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, field, fileName);
        foreach (var (name, value) in values) form.Add(new StringContent(value), name);
        return form;
    }

    private static async Task<DossierSummary> PostFormAsync(HttpClient client, string url, MultipartFormDataContent form)
    {
        var response = await client.PostAsync(url, form, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ShouldAssertException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }

    [Fact]
    public async Task DeskToReturn_EachOfficialInTurn_EndsReturnedWithTheWholeHistory()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var leader = await app.ClientAsAsync("leader");
        var specialist = await app.ClientAsAsync("specialist");
        var clerk = await app.ClientAsAsync("clerk");
        var received = await ReceiveAsync(desk);
        var id = received.Id;
        var view = await desk.GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{id}", TestJson.Options, Ct);
        var component = view!.Components.Single(c => c.Code == "CHO_O");

        var s = await PostFormAsync(desk, $"/api/dossiers/{id}/components/{component.Id}/scans", Form(Pdf, "hop-dong-thue-nha.pdf", "files", ("revision", "1")));
        s = await PostAsync(desk, $"/api/dossiers/{id}/start-processing", new { unitId = world.JusticeId, revision = s.Revision });
        (s.Status, s.Stage).ShouldBe((4, ProcessingStage.AwaitingAssignment));
        var specialistId = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "specialist").Select(o => o.Id).SingleAsync());
        s = await PostAsync(leader, $"/api/dossiers/{id}/assign", new { officialId = specialistId, revision = s.Revision });
        s = await PostFormAsync(specialist, $"/api/dossiers/{id}/draft", Form(Pdf, "du-thao.pdf", "file", ("revision", s.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        s = await PostAsync(specialist, $"/api/dossiers/{id}/submit-for-approval", new { note = "Đủ điều kiện", revision = s.Revision });
        s = await PostAsync(leader, $"/api/dossiers/{id}/send-back", new { reason = "Ghi rõ số nhà", revision = s.Revision });
        s = await PostAsync(specialist, $"/api/dossiers/{id}/submit-for-approval", new { note = "Đã sửa", revision = s.Revision });
        s = await PostAsync(leader, $"/api/dossiers/{id}/approve", new { revision = s.Revision });
        s.Stage.ShouldBe(ProcessingStage.AwaitingIssuance);
        s = await PostFormAsync(clerk, $"/api/dossiers/{id}/issue", Form(Pdf, "thong-bao-ket-qua.pdf", "file", ("number", "25/TB-UBND"), ("revision", s.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        s.Status.ShouldBe(9);
        s = await PostAsync(desk, $"/api/dossiers/{id}/payments", new { amount = 20_000, method = "Desk", reference = "BL-0001", revision = s.Revision });
        s = await PostAsync(desk, $"/api/dossiers/{id}/return", new { method = "Desk", receivedBy = "Đỗ Thị Hoa", revision = s.Revision });
        s.Status.ShouldBe(10);

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.History).Include(d => d.Files).Include(d => d.Results).Include(d => d.Components).Include(d => d.Steps)
            .SingleAsync(d => d.Id == id));
        stored.History.OrderBy(h => h.Sequence).Select(h => h.Kind.ToString()).ShouldBe(
            ["Receive", "AttachFile", "StartProcessing", "Assign", "AttachDraft", "SubmitForApproval", "SendBack", "SubmitForApproval", "Approve", "Decide", "AttachResult", "Payment", "ReturnResult"]);
        stored.History.Single(h => h.Kind == DossierEventKind.Approve).ActorRole.ShouldBe("Lãnh đạo");
        stored.History.Single(h => h.Kind == DossierEventKind.Decide).ActorRole.ShouldBe("Văn thư");
        stored.Components.Single(c => c.RequirementCode == "CHO_O").Digitized.ShouldBeTrue();
        stored.Results.Single().Number.ShouldBe("25/TB-UBND");
        stored.Files.Select(f => f.Purpose).Order().ShouldBe([DossierFilePurpose.Component, DossierFilePurpose.Draft, DossierFilePurpose.Result]);
        (stored.ReceivedResultBy, stored.AmountPaid, stored.Steps.All(x => x.CompletedAtUtc != null)).ShouldBe(("Đỗ Thị Hoa", 20_000L, true));
        var bytes = await app.WithDbAsync(db => db.StoredFiles.Where(f => f.FileName == "thong-bao-ket-qua.pdf").Select(f => f.Length).SingleAsync());
        bytes.ShouldBe(Pdf.Length);
    }

    [Fact]
    public async Task Action_WithAStaleRevision_Is409AndSaysWhoChangedWhat()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk);
        await PostAsync(desk, $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId, revision = 1 });

        var leader = await app.ClientAsAsync("leader");
        var response = await leader.PostAsJsonAsync($"/api/dossiers/{received.Id}/stop", new { reason = "Người dân đề nghị dừng", revision = 1 }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct);
        problem!.Detail!.ShouldContain("Cán bộ desk");
        problem.Detail!.ShouldContain("Chuyển hồ sơ đến Văn phòng HĐND và UBND phường Một");
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id).Select(d => d.Status).SingleAsync())).ShouldBe(DossierStatus.InProgress);
    }

    [Fact]
    public async Task Action_ByAnOfficialOfAnotherCommune_IsNotFound_UntilTheDossierIsTransferredThere()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var other = await app.ClientAsAsync("desk.other");
        var received = await ReceiveAsync(desk);

        var denied = await other.PostAsJsonAsync($"/api/dossiers/{received.Id}/start-processing", new { unitId = world.OtherCommuneId }, Ct);
        denied.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Cross-boundary reception: the applicant lives in Xã Hai; the desk of Phường Một hands it over.
        var moved = await PostAsync(desk, $"/api/dossiers/{received.Id}/transfer", new { unitId = world.OtherCommuneId, note = "Thường trú tại Xã Hai" });
        moved.Status.ShouldBe(2);
        var started = await PostAsync(other, $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.OtherCommuneId });
        started.Status.ShouldBe(4);
        var list = await other.GetFromJsonAsync<ListDossiers.Page>("/api/dossiers?list=All&q=" + received.Code, TestJson.Options, Ct);
        list!.Items.Single().Id.ShouldBe(received.Id);
    }

    [Fact]
    public async Task Scan_ThatIsNotReallyAPdf_Is422AndStoresNothing()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk);
        var view = await desk.GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{received.Id}", TestJson.Options, Ct);
        var filesBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync());

        var response = await desk.PostAsync($"/api/dossiers/{received.Id}/components/{view!.Components[0].Id}/scans",
            Form("MZ\u0090\0 this is a program"u8.ToArray(), "to-khai.pdf", "files"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("kiểm tra theo nội dung tệp");
        (await app.WithDbAsync(db => db.StoredFiles.CountAsync())).ShouldBe(filesBefore);
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id).Select(d => d.Revision).SingleAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task Lists_ShowWhatEachRoleMustDoNext()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk);
        await PostAsync(desk, $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });

        var leader = await app.ClientAsAsync("leader");
        var leaderActions = await leader.GetFromJsonAsync<ListDossiers.Page>("/api/dossiers?list=MyActions", TestJson.Options, Ct);
        leaderActions!.Items.ShouldContain(i => i.Id == received.Id && i.Stage == ProcessingStage.AwaitingAssignment);
        var byName = await desk.GetFromJsonAsync<ListDossiers.Page>("/api/dossiers?q=do thi h", TestJson.Options, Ct);
        byName!.Items.ShouldContain(i => i.Id == received.Id);
        var byPhone = await desk.GetFromJsonAsync<ListDossiers.Page>("/api/dossiers?q=0987 654 321", TestJson.Options, Ct);
        byPhone!.Items.ShouldContain(i => i.Id == received.Id);
        byPhone.Items.ShouldAllBe(i => i.Applicant == "Đỗ Thị Hoa");
    }
}
