using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Feedback;

namespace MotCua.Tests.Browser;

/// <summary>Brings a dossier to the state a journey starts from, through the app's own API and handlers, so a
/// journey's pages are the ones its story is about.</summary>
public static class Arrange
{
    /// <summary>A valid PDF (checked by content on upload).</summary>
    public static readonly byte[] Pdf = MotCua.Tests.Infrastructure.TestPdf.OnePage;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A residence registration (1.004222, 7 working days, fee 20.000 ₫) received at the desk of Phường Một.</summary>
    public static async Task<ReceiveInPerson.Response> ReceivedAtDeskAsync(this AppFactory app, string applicant = "Đỗ Thị Hoa")
    {
        using var desk = await app.ClientAsAsync("desk");
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = applicant, idNumber = "079195004321", phone = "0987654321" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!;
    }

    /// <summary>The desk hands the dossier to the department (Văn phòng HĐND và UBND phường Một): in progress, awaiting assignment.</summary>
    public static async Task<DossierSummary> HandedToDepartmentAsync(this AppFactory app, Guid id)
    {
        var world = await app.SeedWorldAsync();
        using var desk = await app.ClientAsAsync("desk");
        return await PostAsync(desk, $"/api/dossiers/{id}/start-processing", new { unitId = world.JusticeId });
    }

    /// <summary>An online submission (status 1, awaiting reception) made as the citizen portal will make it.</summary>
    public static async Task<Dossier> SubmittedOnlineAsync(this AppFactory app, string applicant = "Trần Văn Bình")
    {
        var world = await app.SeedWorldAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<SubmitOnline.Handler>();
        var request = new SubmitOnline.Request(
            "1.004222", world.DeskId,
            new ApplicantInput(ApplicantKind.Person, applicant, "001090012345", "0912345678", "binh@example.vn", "Số 5, đường Lê Lợi, Phường Một"),
            [new ComponentInput("TK"), new ComponentInput("CHO_O")],
            OnlineLevel.Full, Summary: "Đăng ký thường trú cho chủ hộ");
        return await handler.HandleAsync(request, Actor.Applicant(null, applicant), Ct);
    }

    /// <summary>Feedback sent on the portal by someone without an account, about the rules of Phường Một, at the clock's time.</summary>
    public static async Task<ReceiveFeedback.Receipt> FeedbackSentAsync(this AppFactory app, string title, string unitCode = "000.00.41.H98")
    {
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/feedback", new
        {
            category = "RulesAndProcedures", title, content = "Cán bộ yêu cầu nộp thêm giấy tờ không có trong quy định.",
            senderName = "Trần Văn Góp", senderPhone = "0912000001", unit = unitCode,
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ReceiveFeedback.Receipt>(TestJson.Options, Ct))!;
    }

    public static async Task<DossierSummary> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ShouldAssertException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<DossierSummary>(TestJson.Options, Ct))!;
    }
}
