using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Dossiers;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Browser;

/// <summary>The rough edges a new user hit that are about the page itself, as the browser shows it: the office on a
/// 360-pixel phone (no page wider than the screen, scrolling tables reachable by keyboard, axe clean), the printed
/// receipt's lookup address, and issuing without a file. Grouped in one journey to keep the suite short.</summary>
[Collection(BrowserTests.Name)]
public sealed class NewUserRoughEdgesJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>How much wider than the window the page is (0: it fits).</summary>
    private const string Overflow = "() => document.documentElement.scrollWidth - window.innerWidth";

    /// <summary>The outermost elements reaching past the window's right edge, to say what overflows.</summary>
    private const string Overflowing = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                       && !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
          .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px')
        """;

    /// <summary>Pieces of the element (its text nodes and child elements) that the layout split over more than one line: a
    /// word broken in two. It found "tra-" / "cuu" broken at the hyphen when the test server's port made the address longer.</summary>
    private const string BrokenPieces = """
        (selector) => {
          const pieces = [];
          const nodes = [...document.querySelector(selector).childNodes]
            .filter(n => (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.ELEMENT_NODE) && n.textContent.trim() !== '');
          if (nodes.length < 2) return ['(the address has no pieces to check)'];
          for (const node of nodes) {
            const range = document.createRange();
            range.selectNodeContents(node);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (lines.size > 1) pieces.push(node.textContent);
          }
          return pieces;
        }
        """;

    [Fact]
    public async Task Office_OnAPhone_FitsTheScreen_ScrollsTablesByKeyboard_PrintsAnUnbrokenAddress_AndIssuingWithoutAFileSaysSoInVietnamese()
    {
        var world = await app.SeedWorldAsync();
        var received = await app.ReceivedAtDeskAsync("Đặng Thị Điện Thoại");
        // The home page with an online dossier waiting for reception: its table was what widened it on a phone.
        await app.SubmittedOnlineAsync("Nguyễn Thị Trực Tuyến Chờ Tiếp Nhận");
        await using var journey = Journey.Start(app);

        var desk = await journey.SignInAsync("desk", viewport: Journey.Phone);
        foreach (var (path, slug) in new[]
                 {
                     ("/office", "trang-chu"), ("/office/dossiers", "danh-sach"), ($"/office/dossiers/{received.Id}", "ho-so"),
                     ("/office/reception/desk?procedure=1.004222", "tiep-nhan-tai-quay"),
                 })
        {
            await desk.GotoAsync(path, slug);
            (await desk.Page.EvaluateAsync<int>(Overflow)).ShouldBeLessThanOrEqualTo(0,
                $"{path} is wider than a 360-pixel phone: {string.Join("; ", await desk.Page.EvaluateAsync<string[]>(Overflowing))}");
        }
        // The history is wider than the phone: it scrolls, and the keyboard reaches it.
        await desk.GotoAsync($"/office/dossiers/{received.Id}", "ho-so");
        var history = desk.Page.Locator("section[aria-labelledby=history-heading] .table-scroll");
        (await history.GetAttributeAsync("tabindex")).ShouldBe("0");
        await history.FocusAsync();
        await desk.Page.Keyboard.PressAsync("ArrowRight");
        await desk.Page.Keyboard.PressAsync("End");
        (await history.EvaluateAsync<double>("e => e.scrollLeft")).ShouldBeGreaterThan(0);

        // The receipt's lookup address wraps only between its parts, never inside a word.
        await desk.GotoAsync($"/office/forms/01/{received.Id}", "mau-01");
        (await desk.Page.EvaluateAsync<string[]>(BrokenPieces, ".lookup .url")).ShouldBeEmpty();
        await desk.Page.SetViewportSizeAsync(Journey.OfficePc.Width, Journey.OfficePc.Height);
        (await desk.Page.EvaluateAsync<string[]>(BrokenPieces, ".lookup .url")).ShouldBeEmpty();

        // The clerk presses "Phát hành" without the signed file: the server's Vietnamese message, no browser bubble.
        var s = await OfficeDossiers.PostAsync(app, "desk", $"/api/dossiers/{received.Id}/start-processing", new { unitId = world.JusticeId });
        s = await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{received.Id}/assign",
            new { officialId = await OfficeDossiers.OfficialIdAsync(app, "specialist"), revision = s.Revision });
        s = await OfficeDossiers.PostFileAsync(app, "specialist", $"/api/dossiers/{received.Id}/draft", "file", "du-thao.pdf",
            ("revision", OfficeDossiers.Text(s.Revision)));
        s = await OfficeDossiers.PostAsync(app, "specialist", $"/api/dossiers/{received.Id}/submit-for-approval", new { revision = s.Revision });
        await OfficeDossiers.PostAsync(app, "leader", $"/api/dossiers/{received.Id}/approve", new { revision = s.Revision });
        var clerk = await journey.SignInAsync("clerk");
        await clerk.GotoAsync($"/office/dossiers/{received.Id}", "cho-phat-hanh");
        var issue = await clerk.ActionAsync("Vào số, phát hành kết quả");
        await issue.GetByLabel("Số, ký hiệu văn bản").FillAsync("30/TB-UBND");
        await clerk.SubmitAsync(issue.GetByRole(AriaRole.Button, new() { Name = "Phát hành" }), "phat-hanh-thieu-tep", 422);
        (await clerk.AlertAsync()).ShouldContain("Chưa chọn tệp kết quả đã ký");
    }

    /// <summary>Birth registration with the catalog's declaration fields, the declaration made from the e-form.</summary>
    private const string Birth = "9.400001";

    [Fact]
    public async Task Citizen_RegistersABirthOnAPhone_RetypingNothingTheSystemKnows()
    {
        var world = await app.SeedWorldAsync();
        await app.WithDbAsync(async db =>
        {
            var procedure = new Procedure(Guid.NewGuid(), Birth);
            procedure.Publish(TestData.Residence() with
            {
                Name = "Đăng ký khai sinh",
                Components = [new ComponentRequirement("TK", "Tờ khai đăng ký khai sinh", ComponentForm.Original, FilledByEForm: true)],
                Fees = [],
                FormFields =
                [
                    new EFormField("childFullName", "Họ, chữ đệm và tên người được khai sinh", EFormFieldType.Text, Required: true),
                    new EFormField("childDateOfBirth", "Ngày, tháng, năm sinh", EFormFieldType.Date, Required: true),
                    new EFormField("motherFullName", "Họ, chữ đệm và tên người mẹ", EFormFieldType.Text),
                    new EFormField("motherPersonalId", "Số định danh cá nhân của người mẹ", EFormFieldType.PersonalIdNumber),
                    new EFormField("fatherFullName", "Họ, chữ đệm và tên người cha", EFormFieldType.Text),
                    new EFormField("fatherPersonalId", "Số định danh cá nhân của người cha", EFormFieldType.PersonalIdNumber),
                    new EFormField("requesterFullName", "Họ, chữ đệm và tên người yêu cầu", EFormFieldType.Text, Required: true),
                    new EFormField("requesterPersonalId", "Số định danh cá nhân của người yêu cầu", EFormFieldType.PersonalIdNumber, Required: true),
                    new EFormField("requesterPhone", "Số điện thoại liên hệ", EFormFieldType.Phone),
                    new EFormField("requesterEmail", "Thư điện tử", EFormFieldType.Email),
                    new EFormField("requesterRelationship", "Quan hệ với người được khai sinh", EFormFieldType.Select, Required: true, Options: ["Cha", "Mẹ", "Ông", "Bà"]),
                ],
            }, new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync();
        });
        // Her marriage, registered online earlier: the system knows her husband.
        await app.WithServiceAsync<SubmitOnline.Handler, Dossier>(handler => handler.HandleAsync(
            new SubmitOnline.Request("1.004222", world.DeskId,
                new ApplicantInput(ApplicantKind.Person, TestData.CitizenName, TestData.CitizenIdNumber, TestData.CitizenPhone, TestData.CitizenEmail, null),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")], OnlineLevel.Full,
                FormData: """{"brideFullName":"Nguyễn Thị Dân","bridePersonalId":"001190000001","groomFullName":"Trần Văn Chồng","groomPersonalId":"001088000777"}""",
                Submission: new Dossier.OnlineSubmission(Guid.NewGuid(), world.CitizenId)),
            Actor.Applicant(null, TestData.CitizenName), TestContext.Current.CancellationToken));

        await using var journey = Journey.Start(app);
        var citizen = await journey.OpenAsync("me-khai-sinh", Journey.Phone);
        await citizen.SignInCitizenAsync(TestData.CitizenEmail);
        var page = citizen.Page;
        await citizen.GotoAsync($"/nop-ho-so/{Birth}", "chon-noi-nop");
        await page.GetByLabel("Nơi nộp hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = "Phường Một" });
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu khai hồ sơ" }), "ban-khai");

        // The one answer that says who she is to the child; everything the system knows follows from it.
        await page.GetByLabel("Quan hệ với người được khai sinh").SelectOptionAsync("Mẹ");
        var known = new Dictionary<string, string>
        {
            ["requesterFullName"] = TestData.CitizenName, ["requesterPersonalId"] = TestData.CitizenIdNumber,
            ["requesterPhone"] = TestData.CitizenPhone, ["requesterEmail"] = TestData.CitizenEmail,
            ["motherFullName"] = TestData.CitizenName, ["motherPersonalId"] = TestData.CitizenIdNumber,
            ["fatherFullName"] = "Trần Văn Chồng", ["fatherPersonalId"] = "001088000777",
        };
        var retyped = 0;
        foreach (var (key, value) in known)
        {
            var input = page.Locator($"[name='Form[{key}]']");
            if (await input.InputValueAsync() != value)
            {
                retyped++;
                await input.FillAsync(value);
            }
        }
        retyped.ShouldBe(0, "every field the account and the earlier dossiers know is filled already");
        (await page.Locator(".hint.prefilled").CountAsync()).ShouldBe(known.Count, "each pre-filled field says where it came from");
        var typed = 0;
        await page.GetByLabel("Họ, chữ đệm và tên người được khai sinh").FillAsync("Trần Minh An"); typed++;
        await page.GetByLabel("Ngày, tháng, năm sinh").FillAsync("2026-11-10"); typed++;
        typed.ShouldBe(2);
        await citizen.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }), "bien-nhan");
        var code = (await page.Locator(".submission-code").InnerTextAsync()).Trim();

        var form = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.FormData).SingleAsync());
        foreach (var value in known.Values.Append("Trần Minh An")) form.ShouldNotBeNull().ShouldContain(value);
    }
}
