using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using static MotCua.Tests.Pages.Portal.Submission.SubmissionForms;

namespace MotCua.Tests.Pages;

/// <summary>The app with the rule "scan at reception" on for the certification procedure (2.000815) only, so that the
/// other procedures are received without scans as elsewhere in the suite.</summary>
public sealed class RoughEdgesApp : AppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reception:DigitizeAtReception:0", "2.000815");
    }
}

/// <summary>What a new user hit on the portal and the office pages, each answered over HTTP as the pages render it.</summary>
public sealed class NewUserRoughEdgesTests(RoughEdgesApp app) : IClassFixture<RoughEdgesApp>
{
    /// <summary>Birth registration with the e-form's date of birth as the catalog names it.</summary>
    private const string Birth = "9.300001";
    /// <summary>A procedure with the sample catalog's editorial marks left in its published text.</summary>
    private const string Marked = "9.300002";
    /// <summary>Residence registration whose result is a paper document.</summary>
    private const string PaperResult = "9.300003";

    private static readonly SemaphoreSlim Arranged = new(1, 1);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestData.World> ArrangeAsync()
    {
        var world = await app.SeedWorldAsync();
        await Arranged.WaitAsync(Ct);
        try
        {
            if (await app.WithDbAsync(db => db.Procedures.AnyAsync(p => p.Code == Birth))) return world;
            await app.WithDbAsync(async db =>
            {
                var since = new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc);
                var birth = new Procedure(Guid.NewGuid(), Birth);
                birth.Publish(TestData.Residence() with
                {
                    Name = "Đăng ký khai sinh",
                    FormFields =
                    [
                        new EFormField("childName", "Họ, chữ đệm, tên của trẻ", EFormFieldType.Text, Required: true),
                        new EFormField("childDateOfBirth", "Ngày, tháng, năm sinh", EFormFieldType.Date, Required: true),
                        new EFormField("fatherFullName", "Họ, chữ đệm và tên người cha", EFormFieldType.Text),
                        new EFormField("fatherPersonalId", "Số định danh cá nhân của người cha", EFormFieldType.PersonalIdNumber),
                        new EFormField("requesterFullName", "Họ, chữ đệm và tên người yêu cầu", EFormFieldType.Text),
                        new EFormField("requesterPersonalId", "Số định danh cá nhân của người yêu cầu", EFormFieldType.PersonalIdNumber),
                        new EFormField("requesterPhone", "Số điện thoại liên hệ", EFormFieldType.Phone),
                        new EFormField("requesterEmail", "Thư điện tử", EFormFieldType.Email),
                        new EFormField("requesterRelationship", "Quan hệ với người được khai sinh", EFormFieldType.Select, Options: ["Cha", "Mẹ", "Ông", "Bà"]),
                    ],
                }, since, "Quyết định thử nghiệm");
                var marked = new Procedure(Guid.NewGuid(), Marked);
                marked.Publish(TestData.Residence() with
                {
                    Name = "Thủ tục có dấu chưa đối chiếu",
                    Conditions = "Thời hạn 7 ngày làm việc [u].",
                    Fees = [.. TestData.Residence().Fees.Select(f => f with { Note = "[u] mức do HĐND tỉnh quy định" })],
                }, since, "Danh mục mẫu của MotCua – thay bằng quyết định công bố của Chủ tịch UBND tỉnh");
                var paper = new Procedure(Guid.NewGuid(), PaperResult);
                paper.Publish(TestData.Residence() with { Name = "Đăng ký thường trú (kết quả giấy)", ResultType = ResultType.PaperDocument },
                    since, "Quyết định thử nghiệm");
                db.Procedures.AddRange(birth, marked, paper);
                // A second department of Phường Một, with its own specialist.
                db.Units.Add(new Unit(Guid.NewGuid(), "Phòng Kinh tế phường Một", UnitKind.Department, world.CommuneId, "000.03.41.H98", since));
                await db.SaveChangesAsync();
            });
            var economyId = await app.WithDbAsync(db => db.Units.Where(u => u.AgencyCode == "000.03.41.H98").Select(u => u.Id).SingleAsync());
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var other = new Official { Id = Guid.NewGuid(), UserName = "specialist.economy", FullName = "Cán bộ kinh tế", UnitId = economyId };
            (await users.CreateAsync(other, TestData.Password)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(other, nameof(OfficialRole.Specialist))).Succeeded.ShouldBeTrue();
            return world;
        }
        finally
        {
            Arranged.Release();
        }
    }

    private static string Text(IElement? element) =>
        string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task BirthRegistration_WithADateOfBirthInTheFuture_IsRefusedInVietnamese_AndMakesNoDossier()
    {
        var world = await ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenPhone);
        var draftId = await StartAsync(citizen, world, Birth);
        await PressAsync(citizen, draftId, "upload", null, (FileField("TK"), "to-khai.pdf", Pdf));
        await PressAsync(citizen, draftId, "upload", null, (FileField("CHO_O"), "cho-o.pdf", Pdf));

        var refused = await PressAsync(citizen, draftId, "submit", f =>
        {
            f["Form[childName]"] = "Nguyễn Văn An";
            f["Form[childDateOfBirth]"] = "2026-12-01";
        });

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertAsync(refused)).ShouldNotBeNull().ShouldContain("Ngày, tháng, năm sinh: không được sau ngày hôm nay (17/11/2026)");
        (await app.WithDbAsync(db => db.Dossiers.AnyAsync(d => d.SubmissionKey == draftId))).ShouldBeFalse();

        // A date of birth that has happened is taken.
        var code = await ReceiptCodeAsync(await PressAsync(citizen, draftId, "submit", f =>
        {
            f["Form[childName]"] = "Nguyễn Văn An";
            f["Form[childDateOfBirth]"] = "2026-11-10";
        }));
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.FormData).SingleAsync())).ShouldNotBeNull().ShouldContain("2026-11-10");
    }

    [Fact]
    public async Task PortalPages_HaveNoRawApiLinks_NoEditorialMarks_ARightSentenceAboutTheKey_AndAFavicon()
    {
        await ArrangeAsync();
        var visitor = await OfficeClient.AnonymousAsync(app);

        var home = await visitor.GetPageAsync("/");
        home.QuerySelectorAll("a[href^='/api'], a[href*='openapi']").Select(a => a.GetAttribute("href")).ShouldBeEmpty();

        var lookup = await visitor.GetPageAsync("/tra-cuu");
        var hint = Text(lookup.GetElementById("khoa-hint"));
        hint.ShouldNotContain("bên cạnh mã hồ sơ");
        hint.ShouldContain("Giấy tiếp nhận hồ sơ và hẹn trả kết quả");

        var procedure = Text((await visitor.GetPageAsync($"/thu-tuc/{Marked}")).QuerySelector("main"));
        procedure.ShouldNotContain("[u]");
        procedure.ShouldNotContain("thay bằng quyết định");
        procedure.ShouldContain("Thời hạn 7 ngày làm việc.");
        procedure.ShouldContain("mức do HĐND tỉnh quy định");

        var icon = await visitor.Http.GetAsync("/favicon.ico", Ct);
        icon.StatusCode.ShouldBe(HttpStatusCode.OK);
        icon.Content.Headers.ContentType?.MediaType.ShouldNotBeNull().ShouldStartWith("image/");
    }

    [Fact]
    public async Task HandOver_OffersTheDepartmentsOnly_WithADefault_AndTheLeaderChoosesAmongTheDepartmentsSpecialists()
    {
        var world = await ArrangeAsync();
        var received = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Hà Văn Chuyển", "079090000901", "0912345901"));
        var desk = await OfficeClient.SignInAsync(app, "desk");

        var page = await desk.GetPageAsync($"/office/dossiers/{received.Id}");
        var options = page.QuerySelectorAll("select#start-unit option").Where(o => o.GetAttribute("value") is { Length: > 0 }).ToList();
        options.Select(o => o.TextContent).ShouldNotContain("Trung tâm Phục vụ hành chính công phường Một");
        options.Select(o => o.TextContent).ShouldContain("Văn phòng HĐND và UBND phường Một");
        // Two departments and no earlier dossier of the procedure: no guess yet.
        page.QuerySelector("select#start-unit option[selected]").ShouldBeNull();

        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });
        var leader = await OfficeClient.SignInAsync(app, "leader");
        var specialists = (await leader.GetPageAsync($"/office/dossiers/{received.Id}")).QuerySelectorAll("select#assign-official option")
            .Where(o => o.GetAttribute("value") is { Length: > 0 }).Select(o => o.TextContent).ToList();
        specialists.ShouldBe(["Cán bộ specialist — Văn phòng HĐND và UBND phường Một"]);

        // The next dossier of the same procedure goes where the last one went, unless the desk chooses otherwise.
        var next = await OfficeDossiers.ReceiveAtDeskAsync(app, new("Hà Thị Kế Tiếp", "079090000902", "0912345902"));
        var nextPage = await desk.GetPageAsync($"/office/dossiers/{next.Id}");
        nextPage.QuerySelector("select#start-unit option[selected]")?.GetAttribute("value").ShouldBe(world.JusticeId.ToString());
    }

    [Fact]
    public async Task OnlineDossier_ShowsNoScanDue_OffersTheWayOnAfterReception_DefaultsToElectronicReturn_AndIsNotCalledPaperAfterIt()
    {
        var world = await ArrangeAsync();
        var dossier = await app.WithServiceAsync<SubmitOnline.Handler, Dossier>(handler => handler.HandleAsync(
            new SubmitOnline.Request(PaperResult, world.DeskId,
                new ApplicantInput(ApplicantKind.Person, "Lâm Thị Trực Tuyến", "079090000903", "0912345903", null, null),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")], OnlineLevel.Full),
            Actor.Applicant(null, "Lâm Thị Trực Tuyến"), Ct));
        var desk = await OfficeClient.SignInAsync(app, "desk");

        // Received on the online reception page, which then leads on to the hand-over.
        var received = await desk.PostFormAsync($"/office/reception/online/{dossier.Id}", $"/office/reception/online/{dossier.Id}?handler=receive",
            new() { ["Revision"] = dossier.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        received.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await desk.GetPageAsync(received.Headers.Location!.ToString());
        after.QuerySelector($"a[href='/office/dossiers/{dossier.Id}#chuyen-xu-ly']")!.TextContent.ShouldBe("Chuyển bộ phận xử lý");
        (await desk.GetPageAsync($"/office/dossiers/{dossier.Id}")).GetElementById("chuyen-xu-ly").ShouldNotBeNull();

        var page = await desk.GetPageAsync($"/office/dossiers/{dossier.Id}");
        var digitized = OfficeDossiers.Rows(page, "components-heading").Select(r => r[3]).ToList();
        digitized.ShouldBe(["Không cần (nộp bản điện tử)", "Không cần (nộp bản điện tử)"]);

        await OfficeDossiers.ToDecidedAsync(app, world, dossier.Id);
        page = await desk.GetPageAsync($"/office/dossiers/{dossier.Id}");
        page.QuerySelector<IHtmlSelectElement>("select#return-method")!.Value.ShouldBe(nameof(ReturnMethod.Electronic));
        var summary = await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{dossier.Id}/payments",
            new { amount = 10_000, method = "Desk", reference = "BL-903" });
        await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{dossier.Id}/return", new { method = "Electronic", revision = summary.Revision });

        page = await desk.GetPageAsync($"/office/dossiers/{dossier.Id}");
        var results = string.Join(" | ", page.QuerySelectorAll("section[aria-labelledby=results-heading] table tbody tr").Select(Text));
        results.ShouldNotContain("Bản giấy");
        results.ShouldContain("Bản điện tử");
    }

    [Fact]
    public async Task DeskReception_OfAPaperToScan_WithoutItsScan_NeedsTheReason_WhichTheHistoryKeeps()
    {
        await ArrangeAsync();
        var desk = await app.ClientAsAsync("desk");
        static object Request(string? reason) => new
        {
            procedureCode = "2.000815",
            applicant = new { kind = "Person", fullName = "Tạ Văn Quét", idNumber = "079090000904", phone = "0912345904" },
            components = new[] { new { requirementCode = "BAN_SAO" } },
            unscannedReason = reason,
        };
        var before = await app.WithDbAsync(db => db.Dossiers.CountAsync());

        var refused = await desk.PostAsJsonAsync("/api/dossiers/desk", Request(null), Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("Thủ tục này phải số hóa khi tiếp nhận; chưa có bản quét của: Bản sao cần chứng thực.");
        (await app.WithDbAsync(db => db.Dossiers.CountAsync())).ShouldBe(before);
        // The desk page asks for the reason on this procedure, and only where the rule applies.
        var office = await OfficeClient.SignInAsync(app, "desk");
        (await office.GetPageAsync("/office/reception/desk?procedure=2.000815")).QuerySelector("textarea#unscanned-reason").ShouldNotBeNull();
        (await office.GetPageAsync("/office/reception/desk?procedure=1.004222")).QuerySelector("textarea#unscanned-reason").ShouldBeNull();

        var received = await desk.PostAsJsonAsync("/api/dossiers/desk", Request("Máy quét hỏng, số hóa trong ngày"), Ct);

        received.StatusCode.ShouldBe(HttpStatusCode.Created, await received.Content.ReadAsStringAsync(Ct));
        var id = (await received.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!.Id;
        var history = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).SingleAsync(d => d.Id == id));
        history.History.Single().Reason.ShouldBe("Chưa số hóa khi tiếp nhận: Bản sao cần chứng thực. Lý do: Máy quét hỏng, số hóa trong ngày");
    }

    [Fact]
    public async Task Declaration_IsPrefilledFromTheAccount_AndTheParentTheRequesterIs_StaysEditable_AndAClearedFieldStaysCleared()
    {
        var world = await ArrangeAsync();
        var citizen = await OfficeClient.SignInCitizenAsync(app, TestData.CitizenEmail);
        var draftId = await StartAsync(citizen, world, Birth);
        static string? Value(IHtmlDocument page, string key) =>
            page.QuerySelector($"[name='Form[{key}]']") is IHtmlInputElement input ? input.Value : null;
        static string? Source(IHtmlDocument page, string key) =>
            page.QuerySelector($"[name='Form[{key}]']")!.GetAttribute("aria-describedby")?.Split(' ')
                .Select(id => page.GetElementById(id)).FirstOrDefault(e => e?.ClassList.Contains("prefilled") == true)?.TextContent;

        var page = await citizen.GetPageAsync(DraftUrl(draftId));

        (Value(page, "requesterFullName"), Value(page, "requesterPersonalId"), Value(page, "requesterPhone"), Value(page, "requesterEmail"))
            .ShouldBe((TestData.CitizenName, TestData.CitizenIdNumber, TestData.CitizenPhone, TestData.CitizenEmail));
        Source(page, "requesterFullName").ShouldBe("Lấy từ tài khoản — có thể sửa");
        page.QuerySelector("[name='Form[requesterFullName]']")!.HasAttribute("readonly").ShouldBeFalse();
        Value(page, "fatherFullName").ShouldBe("");

        // Saved without script: "Quan hệ = Cha" makes the requester the father; the phone the citizen cleared stays cleared.
        (await PressAsync(citizen, draftId, "save", f =>
        {
            f["Form[requesterRelationship]"] = "Cha";
            f["Form[requesterPhone]"] = "";
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await citizen.GetPageAsync(DraftUrl(draftId));
        (Value(page, "fatherFullName"), Value(page, "fatherPersonalId")).ShouldBe((TestData.CitizenName, TestData.CitizenIdNumber));
        Source(page, "fatherPersonalId").ShouldBe("Lấy từ tài khoản — có thể sửa");
        Value(page, "requesterPhone").ShouldBe("");
        Source(page, "requesterPhone").ShouldBeNull();
    }
}
