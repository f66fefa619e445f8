using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>The desk reception API through real HTTP and Identity bearer tokens, with the persisted state checked.</summary>
public sealed class DossierApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static object Reception(string idNumber = "079095001234", string name = "Trần Thị Bình") => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = name, idNumber, phone = "0912 345 678", email = "binh@example.vn", address = "Khu phố 2, phường Một" },
        components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
    };

    [Fact]
    public async Task ReceiveAtDesk_AsDeskOfficial_CreatesTheDossierWithCodeDueDateFeesAndHistory()
    {
        var world = await app.SeedWorldAsync();
        var client = await app.ClientAsAsync("desk");

        var response = await client.PostAsJsonAsync("/api/dossiers/desk", Reception(), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestContext.Current.CancellationToken);
        body!.Code.ShouldStartWith($"{world.CommuneCode}-261117-");
        body.DueAtUtc.ShouldBe(TestClock.Vn(2026, 11, 26, 9));
        body.FeesOwed.ShouldBe(20_000);
        response.Headers.Location!.ToString().ShouldBe($"/api/dossiers/{body.Id}");

        var stored = await app.WithDbAsync(db => db.Dossiers.Include(d => d.History).Include(d => d.Components).Include(d => d.Steps).SingleAsync(d => d.Id == body.Id));
        (stored.Status, stored.Channel, stored.ReceivingUnitId, stored.CompetentUnitId).ShouldBe((DossierStatus.Received, Channel.Desk, world.DeskId, world.CommuneId));
        stored.Applicant.Phone.ShouldBe("0912345678");
        stored.Applicant.SearchName.ShouldBe("tran thi binh");
        // Without a lookup in the population database nobody is verified (docs/adr/0033c; Features/Population tests).
        (stored.IdentityVerified, stored.IdentityCheck).ShouldBe((false, IdentityCheck.None));
        stored.Components.Select(c => c.RequirementCode).ShouldBe(["TK", "CHO_O"], ignoreOrder: true);
        stored.Steps.Count.ShouldBe(4);
        var e = stored.History.Single();
        (e.ActorName, e.ActorRole, e.UnitId, e.Kind.ToString()).ShouldBe(("Cán bộ desk", "Cán bộ một cửa", world.DeskId, "Receive"));

        var view = await client.GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{body.Id}", TestJson.Options, TestContext.Current.CancellationToken);
        (view!.Code, view.Status, view.StatusName, view.History.Count).ShouldBe((body.Code, 2, "Được tiếp nhận", 1));
    }

    [Fact]
    public async Task ReceiveAtDesk_WithMissingComponent_Is422InVietnameseAndSavesNothing()
    {
        await app.SeedWorldAsync();
        var client = await app.ClientAsAsync("desk");
        var before = await app.WithDbAsync(db => db.Dossiers.CountAsync());
        var request = new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Ngô Văn Cường", idNumber = "079095009999" },
            components = new[] { new { requirementCode = "TK" } },
        };

        var response = await client.PostAsJsonAsync("/api/dossiers/desk", request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        problem!.Detail.ShouldBe("Hồ sơ còn thiếu: Giấy tờ chứng minh chỗ ở hợp pháp. Hãy hướng dẫn bổ sung (Mẫu 02) hoặc từ chối (Mẫu 03).");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task ReceiveAtDesk_WithInvalidApplicant_ListsEveryProblem()
    {
        await app.SeedWorldAsync();
        var client = await app.ClientAsAsync("desk");
        var response = await client.PostAsJsonAsync("/api/dossiers/desk", Reception(idNumber: "12345", name: " "), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        problem!.Detail.ShouldBe("Thông tin người nộp chưa hợp lệ: chưa nhập họ tên (tên tổ chức); số định danh cá nhân phải gồm 12 chữ số.");
    }

    [Fact]
    public async Task ReceiveAtDesk_WithMalformedJson_Is400InVietnamese()
    {
        await app.SeedWorldAsync();
        var client = await app.ClientAsAsync("desk");
        var response = await client.PostAsync("/api/dossiers/desk", new StringContent("{ \"procedureCode\": ", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        problem!.Detail!.ShouldStartWith("Dữ liệu gửi lên không đúng định dạng JSON (dòng 1, vị trí 20");
    }

    [Fact]
    public async Task ReceiveAtDesk_AsSpecialist_IsForbidden_AndAnonymous_IsUnauthorized()
    {
        await app.SeedWorldAsync();
        var specialist = await app.ClientAsAsync("specialist");
        (await specialist.PostAsJsonAsync("/api/dossiers/desk", Reception(), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().PostAsJsonAsync("/api/dossiers/desk", Reception(), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetDossier_ByAnOfficialOfAnotherUnit_IsNotFound()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var created = await (await desk.PostAsJsonAsync("/api/dossiers/desk", Reception(), TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestContext.Current.CancellationToken);

        var other = await app.ClientAsAsync("desk.other");
        var response = await other.GetAsync($"/api/dossiers/{created!.Id}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken))!.Detail!.ShouldContain("không thuộc đơn vị của bạn");
    }

    [Fact]
    public async Task Login_WithWrongPassword_Is401InVietnamese()
    {
        await app.SeedWorldAsync();
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "desk", password = "sai-mat-khau" }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken))!.Detail.ShouldBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    }

    /// <summary>Two officials load the same dossier and both act: the second save is refused, nothing is lost.</summary>
    [Fact]
    public async Task ConcurrentChanges_OnTheSameDossier_SecondIsRefusedAsConflict()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var created = await (await desk.PostAsJsonAsync("/api/dossiers/desk", Reception(), TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestContext.Current.CancellationToken);
        var actor = new Actor(Guid.NewGuid(), "Cán bộ A", "Chuyên viên", null, null);

        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<MotCua.Web.Infrastructure.AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<MotCua.Web.Infrastructure.AppDbContext>();
        var d1 = await db1.Dossiers.SingleAsync(d => d.Id == created!.Id, TestContext.Current.CancellationToken);
        var d2 = await db2.Dossiers.SingleAsync(d => d.Id == created!.Id, TestContext.Current.CancellationToken);

        d1.Stop("Người nộp đề nghị dừng", actor, app.Clock.GetUtcNow().UtcDateTime);
        await db1.SaveChangesAsync(TestContext.Current.CancellationToken);
        d2.Withdraw("Người nộp rút hồ sơ", actor, app.Clock.GetUtcNow().UtcDateTime);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync(TestContext.Current.CancellationToken));

        var stored = await app.WithDbAsync(db => db.Dossiers.Include(d => d.History).SingleAsync(d => d.Id == created!.Id));
        stored.Status.ShouldBe(DossierStatus.Stopped);
        stored.History.Select(h => h.Kind.ToString()).ShouldBe(["Receive", "Stop"]);
    }
}
