using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using static MotCua.Tests.Features.Dossiers.TimelinessApiTests;
using static MotCua.Tests.Pages.Office.Reception.ReceptionForms;

namespace MotCua.Tests.Features.Processing;

/// <summary>Cross-boundary reception (không phụ thuộc địa giới hành chính): the desk names the competent unit at
/// reception, a transfer to another commune makes that commune competent, and the forms of the competent unit (04,
/// 05, the register's column) name and are signed by its people's committee.</summary>
public sealed class CompetentUnitTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);

    /// <summary>The chairman of Xã Hai, who signs its letters.</summary>
    private async Task EnsureLeaderOfOtherCommuneAsync(TestData.World world)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync("leader.hai") is not null) return;
        var official = new Official { Id = Guid.NewGuid(), UserName = "leader.hai", FullName = "Hoàng Văn Hải", Title = "Chủ tịch", UnitId = world.OtherCommuneId };
        (await users.CreateAsync(official, TestData.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(official, nameof(OfficialRole.Leader))).Succeeded.ShouldBeTrue();
    }

    private static async Task<string> TextOfAsync(OfficeClient client, string url)
    {
        var response = await client.Http.GetAsync(url, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html[..Math.Min(html.Length, 1000)]);
        var document = await OfficeClient.ParseAsync(html);
        return System.Text.RegularExpressions.Regex.Replace(document.Body!.TextContent, @"\s+", " ");
    }

    [Fact]
    public async Task DeskPage_ReceivingForAnotherCommune_RecordsThatCommuneAsCompetent()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Vn(11, 17, 9));
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync("/office/reception/desk?procedure=1.004222");
        var choice = page.QuerySelector<IHtmlSelectElement>("select[name='Input.CompetentUnitId']");
        choice.ShouldNotBeNull("the desk chooses the competent unit");
        choice.Options.Select(o => o.Text.Trim()).ShouldBe(["Phường Một", "Xã Hai"], ignoreOrder: true);
        choice.Value.ShouldBe(world.CommuneId.ToString(), "by default the desk's own commune decides");

        var fields = FieldsOf(page, "#desk-form");
        fields["Input.FullName"] = "Lý Văn Tư";
        fields["Input.IdNumber"] = "079190008001";
        fields["Input.Phone"] = "0912000111";
        fields[$"Input.Components[{RowOf(page, "TK")}].Received"] = "true";
        fields[$"Input.Components[{RowOf(page, "CHO_O")}].Received"] = "true";
        fields["Input.CompetentUnitId"] = world.OtherCommuneId.ToString();
        var response = await PostMultipartAsync(desk, ActionOf(page, "receive"), fields);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Applicant.IdNumber == "079190008001", Ct));
        (stored.ReceivingUnitId, stored.CompetentUnitId, stored.CurrentUnitId).ShouldBe((world.DeskId, world.OtherCommuneId, world.DeskId));
    }

    [Fact]
    public async Task Reception_ForAUnitOfAnotherProvince_IsRefused()
    {
        await app.SeedWorldAsync();
        var since = new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc);
        var province = new Unit(Guid.NewGuid(), "Tỉnh Bên Cạnh", UnitKind.Province, null, "000.00.00.H97", since);
        var commune = new Unit(Guid.NewGuid(), "Xã Ngoài Tỉnh", UnitKind.Commune, province.Id, "000.00.01.H97", since);
        await app.WithDbAsync(async db => { db.Units.AddRange(province, commune); await db.SaveChangesAsync(Ct); });
        var desk = await app.ClientAsAsync("desk");

        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Lý Văn Năm", idNumber = "079190008002", phone = "0912000112" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
            competentUnitId = commune.Id,
        }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("trong tỉnh");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(d => d.Applicant.IdNumber == "079190008002", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Transfer_ToAnotherCommune_MakesItCompetent_SoItsCommitteeNamesAndSignsForms04And05_AndTheRegisterSaysSo()
    {
        var world = await app.SeedWorldAsync();
        await EnsureLeaderOfOtherCommuneAsync(world);
        app.Clock.Set(Vn(11, 17, 9));
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk, "079190008003");

        // Within the commune the competent unit does not change.
        var s = await PostAsync(desk, $"/api/dossiers/{received.Id}/transfer", new { unitId = world.JusticeId, note = "Chuyển văn phòng" });
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == received.Id).Select(d => d.CompetentUnitId).SingleAsync(Ct))).ShouldBe(world.CommuneId);
        s = await PostAsync(desk, $"/api/dossiers/{received.Id}/transfer", new { unitId = world.OtherCommuneId, note = "Thường trú tại Xã Hai", revision = s.Revision });

        var view = (await (await app.ClientAsAsync("leader.hai")).GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{received.Id}", TestJson.Options, Ct))!;
        (view.CompetentUnitId, view.CompetentUnit, view.CurrentUnitId).ShouldBe((world.OtherCommuneId, "Xã Hai", world.OtherCommuneId));
        view.History[^1].Description.ShouldContain("Xã Hai");

        app.Clock.Set(Vn(11, 20, 9));
        s = await PostAsync(await app.ClientAsAsync("leader.hai"), $"/api/dossiers/{received.Id}/apology", new { reason = "Chờ xác minh nơi cư trú", newDueAtUtc = Vn(12, 3, 17), revision = s.Revision });
        var leaderHai = await OfficeClient.SignInAsync(app, "leader.hai");
        var form04 = await TextOfAsync(leaderHai, $"/office/forms/04/{received.Id}");
        form04.ShouldContain("ỦY BAN NHÂN DÂN XÃ HAI");
        form04.ShouldNotContain("PHƯỜNG MỘT");
        form04.ShouldContain("Hoàng Văn Hải");

        app.Clock.Set(Vn(11, 23, 9));
        await PostAsync(await app.ClientAsAsync("leader.hai"), $"/api/dossiers/{received.Id}/stop", new { reason = "Người nộp đề nghị dừng", revision = s.Revision });
        var form05 = await TextOfAsync(leaderHai, $"/office/forms/05/{received.Id}");
        form05.ShouldContain("ỦY BAN NHÂN DÂN XÃ HAI");
        form05.ShouldNotContain("PHƯỜNG MỘT");

        // The receiving commune's register names the commune that decides it.
        var deskPages = await OfficeClient.SignInAsync(app, "desk");
        var register = await deskPages.GetPageAsync("/office/forms/07?from=2026-11-17&to=2026-11-17");
        var row = register.QuerySelectorAll("table.register tbody tr").Single(tr => tr.QuerySelector(".code")?.TextContent == received.Code);
        row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ElementAt(6).ShouldBe("Xã Hai");
    }

    [Fact]
    public async Task Transfer_ToAUnitNotCompetentForTheProcedure_IsRefusedAndChangesNothing()
    {
        var world = await app.SeedWorldAsync();
        app.Clock.Set(Vn(11, 17, 9));
        var desk = await app.ClientAsAsync("desk");
        var received = await ReceiveAsync(desk, "079190008004");

        // The province's people's committee does not decide a commune-level residence registration.
        var response = await desk.PostAsJsonAsync($"/api/dossiers/{received.Id}/transfer", new { unitId = world.ProvinceId, note = "Nhầm" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("không có thẩm quyền");
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == received.Id, Ct));
        (stored.CompetentUnitId, stored.CurrentUnitId, stored.Revision).ShouldBe((world.CommuneId, world.DeskId, 1));
    }
}
