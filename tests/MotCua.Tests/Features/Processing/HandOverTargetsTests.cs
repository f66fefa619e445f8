using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;

namespace MotCua.Tests.Features.Processing;

/// <summary>The server refuses what the office page no longer offers: handing a dossier over to the one-stop desk
/// itself, and assigning it to a specialist of a department other than the one holding it. An integration (or an old
/// form) posts ids, not choices from the page.</summary>
public sealed class HandOverTargetsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly OfficeDossiers.Applicant Someone = new("Lê Văn Chuyển", "001095000123", "0912000123");

    [Fact]
    public async Task StartProcessing_ToTheDeskItself_IsRefusedInVietnamese_AndTheDossierStaysReceived()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, Someone);
        var desk = await app.ClientAsAsync("desk");

        var response = await desk.PostAsJsonAsync($"/api/dossiers/{received.Id}/start-processing", new { unitId = world.DeskId }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("không phải bộ phận xử lý");
        var (status, current) = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id)
            .Select(d => new Tuple<DossierStatus, Guid>(d.Status, d.CurrentUnitId)).SingleAsync());
        status.ShouldBe(DossierStatus.Received);
        current.ShouldBe(world.DeskId);
    }

    [Fact]
    public async Task Assign_ASpecialistOfAnotherDepartment_IsRefusedInVietnamese_AndNobodyIsAssigned()
    {
        var world = await app.SeedWorldAsync();
        var otherSpecialist = await OtherDepartmentSpecialistAsync(world);
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, Someone);
        var s = await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });
        var leader = await app.ClientAsAsync("leader");

        var response = await leader.PostAsJsonAsync($"/api/dossiers/{received.Id}/assign", new { officialId = otherSpecialist, revision = s.Revision }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("không thuộc Văn phòng HĐND và UBND phường Một");
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id).Select(d => d.AssigneeId).SingleAsync())).ShouldBeNull();

        // The specialist of the department holding it is still assigned.
        await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{received.Id}/assign",
            new { officialId = await OfficeDossiers.OfficialIdAsync(app, "specialist"), revision = s.Revision });
    }

    /// <summary>A second department of Phường Một with its own specialist (made once per test class).</summary>
    private async Task<Guid> OtherDepartmentSpecialistAsync(TestData.World world)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCua.Web.Infrastructure.AppDbContext>();
        if (await db.Officials.Where(o => o.UserName == "specialist.land").Select(o => (Guid?)o.Id).SingleOrDefaultAsync(Ct) is { } existing)
            return existing;
        var land = new Unit(Guid.NewGuid(), "Phòng Kinh tế phường Một", UnitKind.Department, world.CommuneId, "000.03.41.H98",
            new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc));
        db.Units.Add(land);
        await db.SaveChangesAsync(Ct);
        scope.ServiceProvider.GetRequiredService<UnitTree>().Invalidate();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var official = new Official { Id = Guid.NewGuid(), UserName = "specialist.land", FullName = "Cán bộ địa chính", UnitId = land.Id };
        (await users.CreateAsync(official, TestData.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(official, nameof(OfficialRole.Specialist))).Succeeded.ShouldBeTrue();
        return official.Id;
    }
}
