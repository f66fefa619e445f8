using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Exchange;
using MotCua.Web.Features.Population;
using MotCua.Web.Features.Population.Sandbox;
using MotCua.Web.Features.Scorecard;
using static MotCua.Tests.Pages.Office.Reception.ReceptionForms;

namespace MotCua.Tests.Population;

/// <summary>The app connected to its own population-database simulator over HTTP (the test server itself).</summary>
public sealed class PopulationApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Population:BaseUrl", "http://localhost/sandbox/csdl-dan-cu/");
        builder.UseSetting("Population:ClientId", "motcua-tinh");
        builder.UseSetting("Population:ClientSecret", "bi-mat-dan-cu");
        builder.UseSetting("Population:Simulator:ClientId", "motcua-tinh");
        builder.UseSetting("Population:Simulator:ClientSecret", "bi-mat-dan-cu");
        builder.ConfigureServices(services =>
            services.AddHttpClient(PopulationRegistryClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
    }

    public PopulationSimulatorOptions SimulatorOptions => Services.GetRequiredService<IOptionsMonitor<PopulationOptions>>().CurrentValue.Simulator;

    /// <summary>Runs <paramref name="action"/> with the simulated database down (503).</summary>
    public async Task DownAsync(Func<Task> action)
    {
        SimulatorOptions.Mode = PopulationSimulatorMode.Fail;
        try
        {
            await action();
        }
        finally
        {
            SimulatorOptions.Mode = PopulationSimulatorMode.Normal;
        }
    }
}

/// <summary>Population data (docs/adr/0033c): the client's protocol against the simulator, the desk's verification through
/// the API and the page (verified only after a lookup, bound to the official and the ID number), the outage path, the
/// prefill and the components supplied from the registry, the sync record and the scorecard's rules, the audit log.</summary>
public sealed class PopulationTests(PopulationApp app) : IClassFixture<PopulationApp>
{
    private const string DanId = "075095001234";
    private const string DanName = "Nguyễn Văn Dân";
    private const string DanBorn = "1995-03-12";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PersonQuery Query(string id, string name, DateOnly born) =>
        new(Guid.NewGuid().ToString("N"), id, name, born, "Cán bộ thử", "Phường Một", "Giải quyết thủ tục hành chính");

    private Task<PopulationAnswer> LookUpAsync(PersonQuery query) =>
        app.WithServiceAsync<IPopulationRegistry, PopulationAnswer>(r => r.LookUpAsync(query, Ct));

    [Fact]
    public async Task Client_AgainstTheSimulator_FoundNotFoundMismatchAndOutage()
    {
        var found = await LookUpAsync(Query(DanId, "  nguyễn  văn dân ", new DateOnly(1995, 3, 12)));
        found.Outcome.ShouldBe(PopulationOutcome.Found);
        var person = found.Person!;
        (person.IdNumber, person.FullName, person.BirthDate, person.Sex).ShouldBe((DanId, DanName, new DateOnly(1995, 3, 12), Sex.Male));
        person.PermanentResidence.ShouldContain("phường Trần Biên");
        person.Household!.Head.FullName.ShouldBe(DanName);
        person.Household.Members.Select(m => (m.FullName, m.Relation)).ShouldContain(("Trần Thị Mai", "Vợ"));

        (await LookUpAsync(Query("075000000000", DanName, new DateOnly(1995, 3, 12)))).Outcome.ShouldBe(PopulationOutcome.NotFound);
        // Diacritics count: "Nguyen Van Dan" is not the registry's name; nor is another birth date.
        (await LookUpAsync(Query(DanId, "Nguyen Van Dan", new DateOnly(1995, 3, 12)))).Outcome.ShouldBe(PopulationOutcome.Mismatch);
        (await LookUpAsync(Query(DanId, DanName, new DateOnly(1995, 3, 13)))).Outcome.ShouldBe(PopulationOutcome.Mismatch);

        await app.DownAsync(async () => (await LookUpAsync(Query(DanId, DanName, new DateOnly(1995, 3, 12)))).Outcome.ShouldBe(PopulationOutcome.Unavailable));

        // What the simulator received: the request id, who asks and why, as the service requires.
        var sent = app.Services.GetRequiredService<PopulationRegistrySimulator>().Queries[^1];
        (sent.IdNumber, sent.Requester, sent.RequestingUnit, sent.Purpose, sent.BirthDate).ShouldBe((DanId, "Cán bộ thử", "Phường Một", "Giải quyết thủ tục hành chính", "1995-03-13"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> LookupApiAsync(HttpClient client, string id = DanId, string name = DanName, string born = DanBorn)
    {
        var response = await client.PostAsJsonAsync("/api/population/lookups", new { idNumber = id, fullName = name, birthDate = born }, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private static object Reception(string idNumber, object? verification = null, bool? identityVerified = null, string name = "Nguyen Van Dan") => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = name, idNumber, phone = "0912345678" },
        // Only the declaration: the proof of residence comes from the population data when verified.
        components = new[] { new { requirementCode = "TK" } },
        identityVerification = verification,
        identityVerified,
    };

    private static Task<HttpResponseMessage> ReceiveAsync(HttpClient client, object request) =>
        client.PostAsJsonAsync("/api/dossiers/desk", request, Ct);

    [Fact]
    public async Task Api_LookupThenReceive_VerifiesFillsTheApplicantSuppliesResidenceAndCounts()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var (status, lookup) = await LookupApiAsync(desk);
        status.ShouldBe(HttpStatusCode.OK);
        lookup.GetProperty("fullName").GetString().ShouldBe(DanName);
        lookup.GetProperty("household").GetProperty("members").GetArrayLength().ShouldBe(3);
        var verification = lookup.GetProperty("identityVerification").GetGuid();

        var response = await ReceiveAsync(desk, Reception(DanId, verification));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var id = (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(Ct))!.Id;

        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery().Include(d => d.Components).Include(d => d.History)
            .Include(d => d.Files).Include(d => d.Results).Include(d => d.Fees).Include(d => d.Supplements).Include(d => d.Payments)
            .SingleAsync(d => d.Id == id, Ct));
        (stored.IdentityVerified, stored.IdentityCheck).ShouldBe((true, IdentityCheck.PopulationDatabase));
        // The registry's name replaces the one typed without diacritics; its birth date and residence fill the rest.
        (stored.Applicant.FullName, stored.Applicant.BirthDate).ShouldBe((DanName, new DateOnly(1995, 3, 12)));
        stored.Applicant.Address!.ShouldContain("phường Trần Biên");
        stored.ConnectedDatabases.ShouldBe([IdentityChecks.PopulationDatabaseCode]);
        var residence = stored.Components.Single(c => c.RequirementCode == "CHO_O");
        (residence.FromPopulationDatabase, residence.Reused, residence.Digitized).ShouldBe((true, true, false));
        stored.Components.Single(c => c.RequirementCode == "TK").FromPopulationDatabase.ShouldBeFalse();
        stored.History.Single().Description.ShouldContain("đã xác thực danh tính qua Cơ sở dữ liệu quốc gia về dân cư");

        // Sent to the national portal as a connection to the population database, never as a VNeID account.
        var record = SyncRecordMapping.From(stored, new SyncRecordContext("1.004222", "Đăng ký thường trú", "LV", "Cư trú", "000.00.41.H98", null));
        record.TaiKhoanDuocXacThucVoiVNeID.ShouldBe(0);
        record.DSKetNoiCSDL!.Select(c => c.MaCSDL).ShouldBe([IdentityChecks.PopulationDatabaseCode]);
        record.TaiLieuNop!.Single(c => c.MaThanhPhanHoSo == "CHO_O").DuocTaiSuDung.ShouldBe(1);

        // The scorecard's own rules count it: 6.4 (a re-used component) and 6.6 (population data).
        var counted = await app.WithDbAsync(async db =>
        {
            var rules = new DossierRules(app.Clock.GetUtcNow().UtcDateTime, await CatalogFacts.LoadAsync(db, [], Ct), new ScorecardOptions(),
                db.SatisfactionRatings, Enumerable.Empty<Guid>().AsQueryable());
            var one = db.Dossiers.Where(d => d.Id == id);
            return (await one.AnyAsync(rules.Find("6.4")!.Numerator, Ct), await one.AnyAsync(rules.Find("6.6")!.Numerator, Ct));
        });
        counted.ShouldBe((true, true));

        // Audited: who looked up whom, when, and what came back.
        var entry = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Kind == AuditKind.PopulationLookup && e.SubjectId == DanId && e.ActorName == "Cán bộ desk").OrderBy(e => e.AtUtc).LastAsync(Ct));
        entry.AtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime);
        entry.Description.ShouldContain("thông tin khớp");
        entry.AfterJson!.ShouldContain(verification.ToString());
    }

    [Fact]
    public async Task Api_PostedVerifiedFlag_Is422InVietnameseAndSavesNothing()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var before = await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct));

        var response = await ReceiveAsync(desk, new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Trần Văn Cũ", idNumber = "079095001111" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
            identityVerified = true,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail.ShouldBe(PopulationVerificationRules.PostedFlagRefused);
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task Api_VerificationOfAnotherIdNumberOrOfficial_IsRefused()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var other = await app.ClientAsAsync("desk.other");
        var before = await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct));

        var (_, mine) = await LookupApiAsync(desk);
        // Dân's verification used for his wife's dossier.
        var wrongPerson = await ReceiveAsync(desk, Reception("075196004321", mine.GetProperty("identityVerification").GetGuid(), name: "Trần Thị Mai"));
        wrongPerson.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrongPerson.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain($"số định danh {DanId}");

        // Another commune's official's lookup used by this desk.
        var (_, theirs) = await LookupApiAsync(other);
        var wrongOfficial = await ReceiveAsync(desk, Reception(DanId, theirs.GetProperty("identityVerification").GetGuid()));
        wrongOfficial.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrongOfficial.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("Không tìm thấy kết quả xác thực");

        // A made-up id, and one past its time.
        (await ReceiveAsync(desk, Reception(DanId, Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var (_, stale) = await LookupApiAsync(desk);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        try
        {
            var expired = await ReceiveAsync(desk, Reception(DanId, stale.GetProperty("identityVerification").GetGuid()));
            expired.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await expired.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail!.ShouldContain("hết hạn");
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromMinutes(-31));
        }
        (await app.WithDbAsync(db => db.Dossiers.CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task Api_NotFoundMismatchAndOutage_AnswerProblems_AndTheDeskStillReceivesUnverified()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        (await LookupApiAsync(desk, id: "075000000000")).Status.ShouldBe(HttpStatusCode.NotFound);
        var (mismatch, problem) = await LookupApiAsync(desk, born: "1995-03-13");
        mismatch.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString()!.ShouldContain("không khớp");
        (await LookupApiAsync(desk, id: "12345")).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await app.DownAsync(async () =>
        {
            var (down, outage) = await LookupApiAsync(desk);
            down.ShouldBe(HttpStatusCode.ServiceUnavailable);
            outage.GetProperty("detail").GetString()!.ShouldContain("vẫn được tiếp nhận");
            // Received all the same, unverified, with the proof of residence on paper.
            var response = await ReceiveAsync(desk, new
            {
                procedureCode = "1.004222",
                applicant = new { kind = "Person", fullName = DanName, idNumber = DanId },
                components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
            });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            var id = (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(Ct))!.Id;
            var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Components).SingleAsync(d => d.Id == id, Ct));
            (stored.IdentityVerified, stored.IdentityCheck, stored.ConnectedDatabases.Count).ShouldBe((false, IdentityCheck.None, 0));
            stored.Components.ShouldAllBe(c => !c.FromPopulationDatabase);
        });
        // Each of the four lookups is in the log.
        (await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Kind == AuditKind.PopulationLookup && e.Description.Contains("không kết nối được"), Ct)))
            .ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Lookup_ByAnonymousOrWrongRole_IsRefusedAndNotAudited()
    {
        await app.SeedWorldAsync();
        var before = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Kind == AuditKind.PopulationLookup, Ct));
        (await LookupApiAsync(app.CreateClient())).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await LookupApiAsync(await app.ClientAsAsync("specialist"))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await LookupApiAsync(await app.ClientAsAsync("admin"))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Kind == AuditKind.PopulationLookup, Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task Page_VerifyThenReceive_FillsFromTheRegistryAndMarksVerified_AndAPostedIdOfAnotherPersonIsDropped()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync("/office/reception/desk?procedure=1.004222");
        var fields = FieldsOf(page, "#desk-form");
        fields.ContainsKey("Input.IdentityVerified").ShouldBeFalse();
        fields["Input.IdNumber"] = DanId;
        fields["Input.FullName"] = "nguyễn văn dân";
        fields["Input.BirthDate"] = DanBorn;
        fields["Input.Phone"] = "0912345678";

        var verified = await OfficeClient.ParseAsync(await (await PostMultipartAsync(desk, ActionOf(page, "verify"), fields)).Content.ReadAsStringAsync(Ct));
        verified.QuerySelector("#identity-verified")!.TextContent.ShouldContain(DanName);
        verified.QuerySelector("table caption")!.TextContent.ShouldContain("chủ hộ: Nguyễn Văn Dân");
        fields = FieldsOf(verified, "#desk-form");
        (fields["Input.FullName"], fields["Input.Address"]).ShouldBe((DanName, "Số 12 đường Đồng Khởi, khu phố 3, phường Trần Biên, tỉnh Đồng Nai"));
        fields["Input.IdentityVerification"].ShouldNotBeNullOrEmpty();
        fields[$"Input.Components[{RowOf(verified, "TK")}].Received"] = "true";

        var response = await PostMultipartAsync(desk, ActionOf(verified, "receive"), fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Ct));
        var id = Guid.Parse(response.Headers.Location!.ToString()["/office/forms/01/".Length..].Split('?')[0]);
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.Components).SingleAsync(d => d.Id == id, Ct));
        (stored.IdentityCheck, stored.Applicant.BirthDate).ShouldBe((IdentityCheck.PopulationDatabase, new DateOnly(1995, 3, 12)));
        stored.Components.Single(c => c.RequirementCode == "CHO_O").FromPopulationDatabase.ShouldBeTrue();

        // The same verification posted with another applicant's number: dropped, said, and the dossier received unverified.
        fields["Input.IdNumber"] = "075196004321";
        fields["Input.FullName"] = "Trần Thị Mai";
        fields[$"Input.Components[{RowOf(verified, "CHO_O")}].Received"] = "true";
        var (page2, _) = (await desk.GetPageAsync("/office/reception/desk?procedure=1.004222"), 0);
        fields["FormKey"] = FieldsOf(page2, "#desk-form")["FormKey"];
        var second = await PostMultipartAsync(desk, ActionOf(verified, "receive"), fields);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var otherId = Guid.Parse(second.Headers.Location!.ToString()["/office/forms/01/".Length..].Split('?')[0]);
        (await app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == otherId).Select(d => d.IdentityCheck).SingleAsync(Ct))).ShouldBe(IdentityCheck.None);
    }

    [Fact]
    public async Task Page_Outage_ShowsTheNoticeAndReceivesUnverified()
    {
        await app.SeedWorldAsync();
        var desk = await OfficeClient.SignInAsync(app, "desk");
        var page = await desk.GetPageAsync("/office/reception/desk?procedure=1.004222");
        var fields = FieldsOf(page, "#desk-form");
        fields["Input.IdNumber"] = "075190005678";
        fields["Input.FullName"] = "Lê Thị Hỗ Trợ";
        fields["Input.BirthDate"] = "1990-11-05";
        fields[$"Input.Components[{RowOf(page, "TK")}].Received"] = "true";
        fields[$"Input.Components[{RowOf(page, "CHO_O")}].Received"] = "true";

        await app.DownAsync(async () =>
        {
            var shown = await OfficeClient.ParseAsync(await (await PostMultipartAsync(desk, ActionOf(page, "verify"), fields)).Content.ReadAsStringAsync(Ct));
            shown.QuerySelector("#population-warning")!.TextContent.ShouldContain("Không kết nối được Cơ sở dữ liệu quốc gia về dân cư");
            shown.QuerySelector("#identity-unverified").ShouldNotBeNull();
            fields = FieldsOf(shown, "#desk-form");
            fields.GetValueOrDefault("Input.IdentityVerification").ShouldBeNullOrEmpty();
            var response = await PostMultipartAsync(desk, ActionOf(shown, "receive"), fields);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        });
        var stored = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Applicant.IdNumber == "075190005678").SingleAsync(Ct));
        (stored.IdentityVerified, stored.IdentityCheck).ShouldBe((false, IdentityCheck.None));
    }
}

/// <summary>The simulator of the population database is never served in Production.</summary>
public sealed class PopulationProductionTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task TheSimulator_IsNotServedInProduction()
    {
        var http = app.ClientOn($"https://{ProductionApp.PublicHost}/");
        (await http.GetAsync("/sandbox/csdl-dan-cu/", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var token = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "motcua-tinh", ["client_secret"] = "SANDBOX-CSDLDC-SECRET-NOT-FOR-PRODUCTION",
        });
        var issued = await http.PostAsync("/sandbox/csdl-dan-cu/oauth/token", token, TestContext.Current.CancellationToken);
        (await issued.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("access_token");
    }
}
