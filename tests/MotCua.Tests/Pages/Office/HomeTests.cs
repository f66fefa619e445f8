using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;

namespace MotCua.Tests.Pages.Office;

/// <summary>The office home page shows each official what their roles must do now.</summary>
public sealed class HomeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Home_OfDeskOfficial_ListsOnlineDossierWaitingWithTimeLeft_AndResultToReturn()
    {
        var world = await app.SeedWorldAsync();
        var online = await OfficeDossiers.SubmitOnlineAsync(app, world, new("Lê Văn Trực Tuyến", "079090000101", "0901000101"));
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Phạm Thị Trả Kết Quả", "079090000102", "0901000102"));
        await OfficeDossiers.ToDecidedAsync(app, world, received.Id);

        var desk = await OfficeClient.SignInAsync(app, "desk");
        var home = await desk.GetPageAsync("/office");

        // Submitted Tuesday 09:00; answered within 8 working hours: by Wednesday 09:30, 8 working hours from now.
        var waiting = OfficeDossiers.Rows(home, "cho-tiep-nhan").Single(r => r[0] == online.Code);
        waiting[3].ShouldBe("09:00 17/11/2026");
        waiting[4].ShouldContain("09:30 18/11/2026");
        waiting[4].ShouldContain("còn 8 giờ làm việc");
        home.QuerySelector($"a[href='/office/reception/online/{online.Id}']").ShouldNotBeNull();
        home.QuerySelector("main a.button.big[href='/office/reception/desk']")!.TextContent.ShouldBe("Tiếp nhận hồ sơ tại quầy");

        var toReturn = OfficeDossiers.Rows(home, "cho-tra").Single(r => r[0] == received.Code);
        toReturn[3].ShouldContain("Đã xử lý xong");
        home.QuerySelector("#cho-tra")!.TextContent.ShouldStartWith("Kết quả chờ trả cho người dân (");
        home.QuerySelector("form[role=search][action='/office/dossiers'] input[name=q]").ShouldNotBeNull();
        home.QuerySelector("label[for=home-q]").ShouldNotBeNull();
        // A desk official has no leader lists.
        home.QuerySelector("#qua-han").ShouldBeNull();
    }

    [Fact]
    public async Task Home_OfLeader_ListsDossierAwaitingAssignment_WithDueStateInWords()
    {
        var world = await app.SeedWorldAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Võ Minh Chờ Phân Công", "079090000103", "0901000103"));
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });

        var leader = await OfficeClient.SignInAsync(app, "leader");
        var home = await leader.GetPageAsync("/office");

        var row = OfficeDossiers.Rows(home, "viec-can-lam").Single(r => r[0] == received.Code);
        row[3].ShouldContain("Chờ phân công");
        row[4].ShouldContain("Trong hạn");
        home.QuerySelector("#sap-den-han").ShouldNotBeNull();
        home.QuerySelector("#qua-han").ShouldNotBeNull();
        home.QuerySelector("#cho-tiep-nhan").ShouldBeNull();
        home.QuerySelector($"table[aria-labelledby='viec-can-lam'] a[href='/office/dossiers/{received.Id}']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Home_OfLeader_FlagsDossierDueWithinOneWorkingDayAsDueSoon()
    {
        var world = await app.SeedWorldAsync();
        // A same-day certification received at 09:00 is due at 17:00 today: within one working day.
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Đặng Thu Sắp Hạn", "079090000104", "0901000104"), "2.000815");
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });

        var leader = await OfficeClient.SignInAsync(app, "leader");
        var home = await leader.GetPageAsync("/office");

        var mine = OfficeDossiers.Rows(home, "viec-can-lam").Single(r => r[0] == received.Code);
        mine[4].ShouldBe("17:00 17/11/2026 Sắp đến hạn");
        home.QuerySelector($"table[aria-labelledby='viec-can-lam'] a[href='/office/dossiers/{received.Id}']")!
            .Closest("tr")!.QuerySelector(".due.duesoon")!.TextContent.ShouldBe("Sắp đến hạn");
        OfficeDossiers.Rows(home, "sap-den-han").ShouldContain(r => r[0] == received.Code);
    }
}
