using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Pages.Office.Dossiers;

/// <summary>The office dossier page's action panel and the "my actions" list agree with the workflow table: for a
/// dossier in every reachable status and stage (and the guards' variants), an official holding exactly one role sees
/// exactly the forms of the operations <see cref="Dossier.AvailableOperations"/> gives that role, and finds the
/// dossier in "my actions" exactly when one of those is a step the dossier waits for from that role.</summary>
public sealed partial class WorkflowPanelTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The page handler each operation's form posts to.</summary>
    private static readonly Dictionary<DossierOperation, string> Handlers = new()
    {
        [DossierOperation.Receive] = "Receive",
        [DossierOperation.Refuse] = "Refuse",
        [DossierOperation.RequestSupplement] = "RequestSupplement",
        [DossierOperation.AnswerSupplement] = "RecordSupplement",
        [DossierOperation.AttachComponentFile] = "Digitize",
        [DossierOperation.StartProcessing] = "StartProcessing",
        [DossierOperation.Transfer] = "Transfer",
        [DossierOperation.Assign] = "Assign",
        [DossierOperation.RequestCoordination] = "RequestCoordination",
        [DossierOperation.AnswerCoordination] = "AnswerCoordination",
        [DossierOperation.AttachDraft] = "UploadDraft",
        [DossierOperation.SubmitForApproval] = "SubmitForApproval",
        [DossierOperation.Approve] = "Approve",
        [DossierOperation.SendBack] = "SendBack",
        [DossierOperation.Decide] = "Issue",
        [DossierOperation.RequestFinancialObligation] = "RequestFinancialObligation",
        [DossierOperation.FulfilFinancialObligation] = "ConfirmFinancialObligation",
        [DossierOperation.RecordPayment] = "Payment",
        [DossierOperation.ReturnResult] = "Return",
        [DossierOperation.Apologize] = "Apologize",
        [DossierOperation.Stop] = "Stop",
        [DossierOperation.Withdraw] = "Withdraw",
    };

    private static readonly (string UserName, OfficialRole Role)[] Officials =
    [
        ("desk", OfficialRole.DeskOfficial), ("specialist", OfficialRole.Specialist), ("leader", OfficialRole.Leader),
        ("clerk", OfficialRole.Clerk), ("stats", OfficialRole.StatisticsOffice),
    ];

    [Fact]
    public async Task EveryStatusStageAndRole_PanelAndMyActions_AreTheTables()
    {
        var world = await app.SeedWorldAsync();
        var version = await app.WithDbAsync(db => db.ProcedureVersions.AsNoTracking()
            .Where(v => db.Procedures.Any(p => p.Id == v.ProcedureId && p.Code == "1.004222")).SingleAsync(Ct));
        var specialistId = await OfficeDossiers.OfficialIdAsync(app, "specialist");
        var specialist = new Actor(specialistId, "Cán bộ specialist", "Chuyên viên", world.JusticeId, "Văn phòng HĐND và UBND phường Một");
        var states = new WorkflowStates(fee => new Dossier.Intake(
                Guid.NewGuid(), version, world.DeskId, world.CommuneId,
                Applicant.Create(ApplicantKind.Person, "Phạm Văn Bảng", "079095009999", "0912345999", null, "Khu phố 1, phường Một"),
                "Đăng ký thường trú", [new DossierComponent("TK", "Tờ khai", ComponentForm.Original, 1)],
                fee == 0 ? [] : [new FeeLine("LP", "Lệ phí", FeeKind.Fee, fee, "", false)], DossierCodeGenerator.NewLookupCode()),
            version, world.JusticeId, world.OtherCommuneId, specialist, world.CommuneCode);

        var dossiers = new List<(string State, Guid Id)>();
        foreach (var (name, make) in states.All())
        {
            var dossier = make();
            await app.WithDbAsync(async db =>
            {
                // The drafts the states attached, as stored files (the page lists them; nothing reads their bytes).
                foreach (var file in dossier.Files)
                    db.Add(new StoredFile(file.StoredFileId!.Value, file.FileName, "application/pdf", 1, new string('0', 64), "workflow/" + file.StoredFileId, DateTime.UtcNow));
                db.Dossiers.Add(dossier);
                await db.SaveChangesAsync(Ct);
            });
            dossiers.Add((name, dossier.Id));
        }
        var ids = dossiers.Select(d => d.Id).ToHashSet();
        var stored = await app.WithDbAsync(async db => await db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.Components).Include(d => d.Supplements).Include(d => d.Coordinations)
            .Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, Ct));

        var mismatches = new List<string>();
        // Every row's guards translated by EF: the dossiers a role can act on, asked of the database, are the ones the
        // aggregate answers in memory.
        foreach (var (userName, role) in Officials)
        {
            var officialId = await OfficeDossiers.OfficialIdAsync(app, userName);
            var who = WorkflowActor.Official([role], dossierIsOurs: true, officialId, world.JusticeId);
            var inSql = await app.WithDbAsync(db => db.Dossiers.Where(d => ids.Contains(d.Id)).Where(DossierWorkflow.AnyAvailable(who)).Select(d => d.Id).ToListAsync(Ct));
            inSql.ShouldBe(stored.Values.Where(d => d.AvailableOperations(who).Count > 0).Select(d => d.Id), ignoreOrder: true, role.ToString());
        }
        var offers = new Dictionary<OfficialRole, int>();
        var waits = new Dictionary<OfficialRole, int>();
        foreach (var (userName, role) in Officials)
        {
            var officialId = await OfficeDossiers.OfficialIdAsync(app, userName);
            var unitId = await app.WithDbAsync(db => db.Officials.Where(o => o.Id == officialId).Select(o => o.UnitId).SingleAsync(Ct));
            var who = WorkflowActor.Official([role], dossierIsOurs: true, officialId, unitId);
            var office = await OfficeClient.SignInAsync(app, userName);
            var api = await app.ClientAsAsync(userName);
            var listed = (await api.GetFromJsonAsync<ListDossiers.Page>("/api/dossiers?list=MyActions&pageSize=100", TestJson.Options, Ct))!
                .Items.Select(i => i.Id).Where(ids.Contains).ToHashSet();

            foreach (var (state, id) in dossiers)
            {
                var d = stored[id];
                var available = d.AvailableOperations(who);
                var expected = available.Where(Handlers.ContainsKey).Select(o => Handlers[o]).Order().ToList();
                var page = await office.GetPageAsync($"/office/dossiers/{id}");
                var offered = page.QuerySelectorAll("form[action]")
                    .Select(f => Handler().Match(f.GetAttribute("action")!)).Where(m => m.Success).Select(m => m.Groups[1].Value)
                    .Distinct().Order().ToList();
                offers[role] = offers.GetValueOrDefault(role) + offered.Count;
                if (!offered.SequenceEqual(expected))
                    mismatches.Add($"{role} on {state}: page offers [{string.Join(", ", offered)}], table [{string.Join(", ", expected)}]");

                var awaits = DossierWorkflow.Rows.Any(r => r.OnWorkList && r.Role == DossierWorkflow.RoleOf(role) && r.Status == d.Status && r.Stage == d.Stage
                                                          && available.Contains(r.Operation));
                waits[role] = waits.GetValueOrDefault(role) + (listed.Contains(id) ? 1 : 0);
                if (listed.Contains(id) != awaits)
                    mismatches.Add($"{role} on {state}: my actions {(listed.Contains(id) ? "lists" : "omits")} it, the table says {(awaits ? "it waits" : "it does not wait")}");
            }
        }
        mismatches.ShouldBeEmpty();
        // Not vacuous: every role is offered something somewhere, and each role with a work list finds dossiers on it.
        offers.Values.ShouldAllBe(n => n > 0);
        offers.Count.ShouldBe(Officials.Length);
        waits.Where(w => w.Key != OfficialRole.StatisticsOffice).Select(w => w.Value).ShouldAllBe(n => n > 0);
    }

    [Fact]
    public async Task SpecialistNotAssigned_IsNotOfferedTheDraftOrTheSignature_WhichTheDossierWouldRefuse()
    {
        // The page used to offer both forms to every specialist of the unit; the dossier refuses all but the assignee.
        var world = await app.SeedWorldAsync();
        var version = await app.WithDbAsync(db => db.ProcedureVersions.AsNoTracking()
            .Where(v => db.Procedures.Any(p => p.Id == v.ProcedureId && p.Code == "1.004222")).SingleAsync(Ct));
        var desk = new Actor(Guid.NewGuid(), "Cán bộ desk", "Cán bộ một cửa", world.DeskId, "Trung tâm");
        var dossier = Dossier.ReceiveInPerson(new Dossier.Intake(
                Guid.NewGuid(), version, world.DeskId, world.CommuneId,
                Applicant.Create(ApplicantKind.Person, "Lý Thị Phân Công", "079095008888", "0912345888", null, "Khu phố 2, phường Một"),
                "Đăng ký thường trú", [new DossierComponent("TK", "Tờ khai", ComponentForm.Original, 1)], [], DossierCodeGenerator.NewLookupCode()),
            Channel.Desk, DossierCodeGenerator.Format(world.CommuneCode, new DateOnly(2026, 11, 17), 900_001), null,
            WorkingCalendar.FromRules(2025, 2027), desk, DossierBuilder.T0);
        dossier.StartProcessing(world.JusticeId, "Văn phòng HĐND và UBND phường Một", desk, DossierBuilder.T0.AddHours(1));
        dossier.Assign(Guid.NewGuid(), "Chuyên viên khác", desk, DossierBuilder.T0.AddHours(2));
        await app.WithDbAsync(async db =>
        {
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync(Ct);
        });

        var page = await (await OfficeClient.SignInAsync(app, "specialist")).GetPageAsync($"/office/dossiers/{dossier.Id}");
        page.QuerySelector("form[action*='handler=UploadDraft']").ShouldBeNull();
        page.QuerySelector("form[action*='handler=SubmitForApproval']").ShouldBeNull();
        page.QuerySelector("form[action*='handler=RequestCoordination']").ShouldNotBeNull();
    }

    [GeneratedRegex(@"[?&]handler=(\w+)")]
    private static partial Regex Handler();
}
