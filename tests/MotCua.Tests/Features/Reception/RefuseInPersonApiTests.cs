using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Reception;

namespace MotCua.Tests.Features.Reception;

/// <summary>Refusal at the desk through the API (Form 03): a numbered, refused dossier with the reason in its
/// history, allowed with components missing, refused without a reason.</summary>
public sealed class RefuseInPersonApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Refusal(string idNumber, string? reason, string[] components, string channel = "Desk") => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = "Vũ Thị Mai", idNumber, phone = "0987654321" },
        components = components.Select(c => new { requirementCode = c }).ToArray(),
        reason,
        channel,
    };

    [Fact]
    public async Task RefuseAtDesk_WithAComponentMissing_CreatesARefusedDossierWithCodeAndReason()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var response = await desk.PostAsJsonAsync("/api/dossiers/desk/refusals",
            Refusal("079188000201", "Giấy tờ chứng minh chỗ ở đã hết hiệu lực", ["TK"]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = (await response.Content.ReadFromJsonAsync<RefuseInPerson.Response>(TestJson.Options, Ct))!;
        body.Code.ShouldMatch($"^{Regex.Escape(world.CommuneCode)}-261117-\\d{{4}}$");
        response.Headers.Location!.ToString().ShouldBe($"/api/dossiers/{body.Id}");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.History).Include(d => d.Components).SingleAsync(d => d.Id == body.Id, Ct));
        (stored.Status, stored.Channel, stored.RefusedAtUtc, stored.ReceivedAtUtc, stored.DueAtUtc)
            .ShouldBe((DossierStatus.Refused, Channel.Desk, app.Clock.GetUtcNow().UtcDateTime, (DateTime?)null, (DateTime?)null));
        stored.Components.Select(c => c.RequirementCode).ShouldBe(["TK"]);
        stored.FeesOwed.ShouldBe(0);
        var e = stored.History.Single();
        (e.Kind.ToString(), e.Reason, e.ActorRole, e.FromStatus, e.ToStatus)
            .ShouldBe(("Refuse", "Giấy tờ chứng minh chỗ ở đã hết hiệu lực", "Cán bộ một cửa", (DossierStatus?)null, DossierStatus.Refused));
    }

    [Fact]
    public async Task RefuseAtDesk_WithoutAReason_Is422AndSavesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var response = await desk.PostAsJsonAsync("/api/dossiers/desk/refusals", Refusal("079188000202", "  ", []), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail.ShouldBe("Chưa nhập lý do từ chối.");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == "079188000202", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task RefuseAtDesk_WithAComponentOfAnotherProcedure_Is422()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var response = await desk.PostAsJsonAsync("/api/dossiers/desk/refusals", Refusal("079188000203", "Sai thủ tục", ["BAN_SAO"]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("Thành phần hồ sơ không thuộc thủ tục: BAN_SAO");
    }

    [Fact]
    public async Task RefuseAtDesk_OnlineChannel_Is400()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var response = await desk.PostAsJsonAsync("/api/dossiers/desk/refusals", Refusal("079188000204", "Lý do", ["TK"], "Online"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RefuseAtDesk_AsSpecialist_Is403()
    {
        await app.SeedWorldAsync();
        var specialist = await app.ClientAsAsync("specialist");

        var response = await specialist.PostAsJsonAsync("/api/dossiers/desk/refusals", Refusal("079188000205", "Lý do", ["TK"]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
