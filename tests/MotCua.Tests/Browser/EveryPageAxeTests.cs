using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Infrastructure;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Pages.Office.Forms;
using MotCua.Tests.Pages.Portal.Tracking;
using MotCua.Tests.Payments;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Ratings;

namespace MotCua.Tests.Browser;

/// <summary>Every Razor page the app serves on GET, taken from the running app's route table (so a new page is
/// covered, or must be listed below, the day it is added), opened by someone who may see it, on a 360-pixel phone
/// and on the office PC: it answers as expected and axe-core finds no serious or critical violation at either
/// size. One browser, one context per user, the pages in turn; every finding is listed before the test fails.</summary>
[Collection(BrowserTests.Name)]
public sealed partial class EveryPageAxeTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    /// <summary>Pages (route templates as the app gives them, lower-cased) this test does not open, and why.</summary>
    private static readonly Dictionary<string, string> NotVisited = new()
    {
        ["office/logout"] = "GET only redirects to /office (signing out is a POST); the page it leads to is covered",
        ["dang-xuat"] = "GET only redirects to / (signing out is a POST); the page it leads to is covered",
        ["office/files/{id:guid}"] = "a file download (the stored scan or result), not an HTML page",
        ["office/forms/06/{id:guid}/export"] = "a .docx download of form 06, not an HTML page",
        ["office/forms/07/export"] = "a .docx download of the register (form 07), not an HTML page",
        ["office/forms/{form}/{id:guid}/pdf"] = "a PDF download of a dossier's form, not an HTML page",
        ["office/forms/07/pdf"] = "a PDF download of the register (form 07), not an HTML page",
        ["thu-tuc/{code}/mau/{componentcode}"] = "a .docx download of a sample form, not an HTML page",
        ["ho-so-cua-toi/{code}/tep/{fileid:guid}"] = "a file download of the citizen's dossier, not an HTML page",
        ["kho-du-lieu/tai/{id:guid}"] = "a file download from the citizen's data store, not an HTML page",
        ["nop-ho-so/nhap/{draftid:guid}/thanh-toan"] =
            "the payment gateway's return address: it needs a signed gateway query of a real order (covered by OnlinePaymentJourneyTests)",
    };

    /// <summary>Pages opened without what they need, so they answer their refusal (itself an HTML page that must be
    /// accessible): the query a payment gateway signs cannot be made here.</summary>
    private static readonly Dictionary<string, (int Status, string Why)> Refusing = new()
    {
        ["thanh-toan/ket-qua"] = (400, "the gateway's return page without a signed gateway query: it says the answer is not genuine"),
    };

    private static readonly string[] MissingItems = ["Hợp đồng thuê nhà có công chứng hoặc chứng thực"];

    private sealed record Visit(string Template, string Who, string Url, int Status = 200);

    [Fact]
    public async Task EveryPage_OnAPhoneAndOnThePc_AnswersAndHasNoSeriousOrCriticalAxeViolation()
    {
        // axe judges the markup, which is the same whichever database serves it; the pages' queries run on PostgreSQL in
        // their own page and journey tests. Run once, to keep the CI run's time (both databases) in its budget.
        Assert.SkipUnless(app.Database.Provider == DatabaseProvider.Sqlite, "The markup checked is the same on either database; checked on SQLite.");
        var clock = Stopwatch.StartNew();
        var ct = TestContext.Current.CancellationToken;
        var world = await app.SeedWorldAsync();

        // The world's things the pages are about.
        var received = await app.ReceivedAtDeskAsync("Lê Văn Mọi Trang");
        var online = await app.SubmittedOnlineAsync("Phạm Thị Chờ Tiếp Nhận");
        using var desk = await app.ClientAsAsync("desk");
        using var leader = await app.ClientAsAsync("leader");
        var mine = await app.WithServiceAsync<SubmitOnline.Handler, Dossier>(handler => handler.HandleAsync(
            new SubmitOnline.Request("1.004222", world.DeskId,
                new ApplicantInput(ApplicantKind.Person, TestData.CitizenName, TestData.CitizenIdNumber, TestData.CitizenPhone, TestData.CitizenEmail, null),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")], OnlineLevel.Full,
                Submission: new Dossier.OnlineSubmission(Guid.NewGuid(), world.CitizenId)),
            Actor.Applicant(world.CitizenId, TestData.CitizenName), ct));
        var mineCode = mine.Code ?? mine.LookupCode;
        // Each numbered form is about a dossier in the state it records.
        var supplement = await app.ReceivedAtDeskAsync("Lê Thị Bổ Sung");
        await Arrange.PostAsync(desk, $"/api/dossiers/{supplement.Id}/supplement-requests", new
        {
            reason = "Hợp đồng thuê nhà chưa được công chứng, chứng thực", missingItems = MissingItems,
        });
        var (refused, _) = await FormsJourney.RefuseAtDeskAsync(app, world, "Hồ sơ thuộc thẩm quyền của Xã Hai");
        var apologised = await app.ReceivedAtDeskAsync("Lê Văn Xin Lỗi");
        await Arrange.PostAsync(leader, $"/api/dossiers/{apologised.Id}/apology", new
        {
            reason = "Phải xác minh thông tin chỗ ở với Công an tỉnh", newDueAtUtc = apologised.DueAtUtc.AddDays(7),
        });
        var stopped = await app.ReceivedAtDeskAsync("Lê Thị Dừng");
        await Arrange.PostAsync(leader, $"/api/dossiers/{stopped.Id}/stop", new { reason = "Người nộp có đơn đề nghị dừng giải quyết" });
        var returned = await app.ReceivedAtDeskAsync("Lê Văn Đã Trả");
        await TrackingArrange.ToReturnedFromReceivedAsync(app, world, returned.Id);
        var waiting = await PaymentArrange.WaitingForPaymentAsync(app);
        var queries = new Dictionary<string, string>
        {
            ["office/forms/02/guidance"] = "?procedure=1.004222&missing=CHO_O",
            ["office/admin/chu-ky-so-co-quan"] = $"?don-vi={world.CommuneId}",
            ["danh-gia"] = app.Services.GetRequiredService<RatingLinks>().PathFor(returned.Id)[RatingLinks.PagePath.Length..],
            ["thanh-toan"] = app.Services.GetRequiredService<PaymentLinks>().PathFor(waiting.Id)[PaymentLinks.PagePath.Length..],
        };
        var feedback = await app.FeedbackSentAsync("Yêu cầu thêm giấy tờ");
        var officialId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "desk").Select(u => u.Id).SingleAsync(ct));
        using var stats = await app.ClientAsAsync("stats");
        var campaign = await CreatedIdAsync(stats, "/api/campaigns", new
        {
            unit = world.CommuneCode, name = "Chiến dịch số hóa", start = "2026-11-02", end = "2026-11-29",
            milestones = new[] { new { metric = "so-hoa", value = 80 } },
        });
        var task = await CreatedIdAsync(stats, "/api/plan-tasks", new
        {
            unit = world.CommuneCode, plan = "Kế hoạch số 175/KH-UBND", number = "1", title = "Rà soát quy trình nội bộ",
            leadUnits = "Bộ phận TN&TKQ", dueDate = "2026-12-31",
        });

        var values = new Dictionary<string, Func<string, string?>>
        {
            // {id:guid}: what the page is about, told by its path.
            ["id"] = template => template switch
            {
                "office/dossiers/{id:guid}/danh-gia-tai-quay" => returned.Id.ToString(),
                "office/forms/02/{id:guid}" => supplement.Id.ToString(),
                "office/forms/03/{id:guid}" => refused.ToString(),
                "office/forms/04/{id:guid}" => apologised.Id.ToString(),
                "office/forms/05/{id:guid}" => stopped.Id.ToString(),
                _ when template.StartsWith("office/dossiers/", StringComparison.Ordinal) => received.Id.ToString(),
                _ when template.StartsWith("office/forms/", StringComparison.Ordinal) => received.Id.ToString(),
                _ when template.StartsWith("office/reception/online/", StringComparison.Ordinal) => online.Id.ToString(),
                _ when template.StartsWith("office/feedback/", StringComparison.Ordinal) => feedback.Id.ToString(),
                _ when template.StartsWith("office/admin/units/", StringComparison.Ordinal) => world.CommuneId.ToString(),
                _ when template.StartsWith("office/admin/officials/", StringComparison.Ordinal) => officialId.ToString(),
                _ when template.StartsWith("office/targets/campaigns/", StringComparison.Ordinal) => campaign,
                _ when template.StartsWith("office/targets/tasks/", StringComparison.Ordinal) => task,
                _ => null,
            },
            ["code"] = template => template switch
            {
                _ when template.StartsWith("office/admin/procedures/", StringComparison.Ordinal) => "1.004222",
                _ when template.StartsWith("thu-tuc/", StringComparison.Ordinal) || template.StartsWith("nop-ho-so/", StringComparison.Ordinal) => "1.004222",
                _ when template.StartsWith("ho-so-cua-toi/", StringComparison.Ordinal) => mineCode,
                // The page the app re-executes for an error status: opened directly it answers 200.
                _ when template.StartsWith("status/", StringComparison.Ordinal) => "404",
                _ => null,
            },
            ["dossiercode"] = _ => mineCode,
        };

        var templates = PageTemplates();
        var visits = new List<Visit>();
        var unfilled = new List<string>();
        foreach (var template in templates.Where(t => !NotVisited.ContainsKey(t)))
        {
            if (template == "nop-ho-so/nhap/{draftid:guid}") continue; // the citizen's draft is started in the browser, below
            if (template.StartsWith("phan-anh/{", StringComparison.Ordinal))
            {
                visits.Add(new Visit(template, "anonymous", new Uri(feedback.FollowUrl).PathAndQuery));
                continue;
            }
            var url = Fill(template, values);
            if (url is null) unfilled.Add(template);
            else visits.Add(new Visit(template, WhoMaySee(template), "/" + url + queries.GetValueOrDefault(template, ""),
                Refusing.TryGetValue(template, out var refusing) ? refusing.Status : 200));
        }
        var listedButGone = NotVisited.Keys.Concat(Refusing.Keys).Where(t => !templates.Contains(t)).ToList();

        var findings = new StringBuilder();
        var covered = new List<string>();
        await using var journey = Journey.Start(app);
        foreach (var group in visits.GroupBy(v => v.Who))
        {
            var session = await SignedInAsync(journey, group.Key);
            foreach (var visit in group)
            {
                await session.Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
                var response = await session.Page.GotoAsync(visit.Url);
                await CheckAsync(session, visit, response?.Status ?? 0, findings);
                covered.Add(visit.Template);
            }
            if (group.Key == "citizen")
            {
                // A draft of the citizen's own: started from the procedure's page, as a citizen does.
                await session.Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
                await session.Page.GotoAsync("/nop-ho-so/1.004222");
                var place = session.Page.GetByLabel("Nơi nộp hồ sơ");
                if (await place.CountAsync() > 0 && await place.EvaluateAsync<string>("e => e.tagName") == "SELECT")
                    await place.SelectOptionAsync(new SelectOptionValue { Label = "Phường Một" });
                await session.Page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu khai hồ sơ" }).ClickAsync();
                await session.Page.WaitForURLAsync(new Regex("/nop-ho-so/nhap/[0-9a-f-]{36}$"));
                await CheckAsync(session, new Visit("nop-ho-so/nhap/{draftid:guid}", "citizen", session.Path), 200, findings);
                covered.Add("nop-ho-so/nhap/{draftid:guid}");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        TestContext.Current.SendDiagnosticMessage(
            $"EveryPageAxe: {covered.Distinct().Count()} pages at 360×740 and 1366×768 in {seconds:0.0} s; not visited: {string.Join(", ", NotVisited.Keys)}");
        var problems = new StringBuilder();
        if (unfilled.Count > 0)
            problems.Append("\nPages neither visited nor listed in NotVisited (give their parameters a value, or list them with the reason): ")
                .AppendJoin(", ", unfilled);
        if (listedButGone.Count > 0)
            problems.Append("\nPages listed in NotVisited that the app no longer has: ").AppendJoin(", ", listedButGone);
        if (!covered.Contains("nop-ho-so/nhap/{draftid:guid}") && templates.Contains("nop-ho-so/nhap/{draftid:guid}"))
            problems.Append("\nThe citizen's draft page was not reached.");
        problems.Append(findings);
        problems.ToString().ShouldBeEmpty($"{covered.Distinct().Count()} pages checked in {seconds:0.0} s");
    }

    /// <summary>The route template of every Razor page, lower-cased, one per page (an Index page's shorter route).</summary>
    private HashSet<string> PageTemplates()
    {
        var provider = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>();
        return provider.ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .Where(d => d.AttributeRouteInfo?.Template is not null)
            .GroupBy(d => d.ViewEnginePath)
            .Select(g => g.Select(d => d.AttributeRouteInfo!.Template!.ToLowerInvariant()).OrderBy(t => t.Length).First())
            .ToHashSet();
    }

    /// <summary>Who opens the page: the portal's public pages anonymously, the citizen's own pages as the citizen,
    /// each office page as the role that works on it.</summary>
    private static string WhoMaySee(string template)
    {
        string[] citizens = ["ho-so-cua-toi", "kho-du-lieu", "nop-ho-so", "tai-khoan"];
        if (citizens.Any(p => template == p || template.StartsWith(p + "/", StringComparison.Ordinal))) return "citizen";
        if (!template.StartsWith("office", StringComparison.Ordinal)) return "anonymous";
        if (template is "office/login" or "office/denied") return "anonymous";
        if (template.StartsWith("office/admin", StringComparison.Ordinal)) return "admin";
        if (template.StartsWith("office/targets", StringComparison.Ordinal)) return "stats";
        string[] leaders = ["office/scorecard", "office/dashboard", "office/reports", "office/feedback"];
        if (leaders.Any(p => template.StartsWith(p, StringComparison.Ordinal))) return "leader";
        return "desk";
    }

    /// <summary>The template with its parameters filled (optional ones left out), or null if one has no value.</summary>
    private static string? Fill(string template, Dictionary<string, Func<string, string?>> values)
    {
        var missing = false;
        var url = Parameter().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (m.Groups["optional"].Success) return "";
            var value = values.TryGetValue(name, out var of) ? of(template) : null;
            if (value is null) missing = true;
            return value is null ? "" : Uri.EscapeDataString(value);
        }).TrimEnd('/');
        return missing ? null : url;
    }

    [GeneratedRegex(@"\{(?<name>[a-z]+)(:[a-z]+)?(?<optional>\?)?\}")]
    private static partial Regex Parameter();

    private static async Task<OfficeSession> SignedInAsync(Journey journey, string who)
    {
        var session = await journey.OpenAsync(who, Phone);
        if (who == "citizen") await session.SignInCitizenAsync(TestData.CitizenEmail);
        else if (who != "anonymous") await session.SignInAsync(who);
        return session;
    }

    private static async Task CheckAsync(OfficeSession session, Visit visit, int status, StringBuilder findings)
    {
        if (status != visit.Status)
        {
            findings.Append(CultureInfo.InvariantCulture, $"\n{visit.Url} ({visit.Template}) as {visit.Who}: answered {status}, not {visit.Status}");
            return;
        }
        foreach (var (size, name) in new[] { (Phone, "phone"), (Journey.OfficePc, "desktop") })
        {
            await session.Page.SetViewportSizeAsync(size.Width, size.Height);
            foreach (var v in (await Axe.RunAsync(session.Page)).Where(v => v.Impact is "serious" or "critical"))
                findings.Append(CultureInfo.InvariantCulture, $"\n{visit.Url} as {visit.Who} on {name}: [{v.Impact}] {v.Id}: {v.Help}\n    ").AppendJoin("\n    ", v.Targets);
        }
    }

    private static async Task<string> CreatedIdAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}
