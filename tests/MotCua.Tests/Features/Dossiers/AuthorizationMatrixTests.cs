using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>Who may call what: every operation under /api against everyone who must not change a dossier of
/// Phường Một — nobody signed in, a citizen (the applicant herself), an official of another commune holding every
/// role, an official of Phường Một without the operation's role, and an official of the commune consulted on the
/// dossier (every role), before and after it answered. A refused call answers 401, 403 or 404 and leaves the
/// dossier's revision and status as they were. The table is checked against the app's endpoints, so an operation
/// added without a row fails here.</summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.MatrixApp app) : IClassFixture<AuthorizationMatrixTests.MatrixApp>
{
    public enum Intruder { Anonymous, Citizen, WrongUnit, SameUnitWrongRole, ConsultedUnit, ConsultedUnitAfterAnswer }

    /// <summary>What an operation allows, and so what each intruder must get.</summary>
    public enum Access
    {
        /// <summary>Open to anyone (the published catalog, tracking by lookup code, sign-in): must still leave the dossier alone.</summary>
        Public,
        /// <summary>Administrators only (none of the intruders is one).</summary>
        Administrator,
        /// <summary>Not about an existing dossier (a new reception at the official's own desk): any official with the role may try.</summary>
        OwnDesk,
        /// <summary>The office list: officials only, and it lists the dossiers of the official's own units.</summary>
        UnitList,
        /// <summary>Reading the dossier: any official of its units, and the consulted unit.</summary>
        DossierRead,
        /// <summary>Reading what the applicant was sent: officials of the dossier's units only.</summary>
        UnitRead,
        /// <summary>An action on the dossier: officials of its units with the role.</summary>
        DossierWrite,
        /// <summary>Answering the coordination request: the consulted unit, while the request is open.</summary>
        CoordinationAnswer,
        /// <summary>A unit's figures (the report of dossier handling): officials of the unit or of a unit above it; another
        /// commune, the consulted one included, is refused.</summary>
        UnitReport,
        /// <summary>Reading a unit's targets, campaigns or plan tasks: officials only; the other units' refusals are
        /// asserted by Targets/TargetsAuthorizationTests, which owns data of its own.</summary>
        UnitDataRead,
        /// <summary>Setting a unit's targets, campaigns or plan tasks: officials of the unit or above with a writing role.</summary>
        UnitDataWrite,
        /// <summary>A payment's receipt: the dossier's citizen and its units' officials; anyone else is told it does not exist.</summary>
        OwnPayment,
        /// <summary>A unit's money (reconciliation, refunds): its officials with a finance role; another unit does not exist for them.</summary>
        UnitFinance,
    }

    private static readonly OfficialRole[] Working =
        [OfficialRole.DeskOfficial, OfficialRole.Specialist, OfficialRole.Leader, OfficialRole.Clerk, OfficialRole.StatisticsOffice];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The dossier under attack: in processing in Phường Một, waiting for Xã Hai's opinion.</summary>
    public sealed record Target(Guid Id, string Code, Guid ComponentId, Guid CoordinationId, int Revision, DossierStatus Status, TestData.World World, Guid SpecialistId);

    /// <param name="Roles">The roles the operation needs (empty: none).</param>
    public sealed record Operation(string Key, Access Access, OfficialRole[] Roles, Func<Target, string> Url, Func<Target, HttpContent?> Body);

    private static JsonContent Json(object body) => JsonContent.Create(body);

    private static MultipartFormDataContent File(string field, params (string Name, string Value)[] values)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(TestPdf.OnePage);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, field, "tep.pdf");
        foreach (var (name, value) in values) form.Add(new StringContent(value), name);
        return form;
    }

    /// <summary>A desk reception with a scan (an empty request: nobody gets far enough to need a real one).</summary>
    private static MultipartFormDataContent Scans()
    {
        var form = File("component:CHO_O");
        form.Add(new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), "dossier");
        return form;
    }

    private static MultipartFormDataContent CertifiedCopy()
    {
        var form = File("scan");
        form.Add(new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), "request");
        return form;
    }

    private static MultipartFormDataContent FeedbackWithFile()
    {
        var form = File("files");
        form.Add(new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), "feedback");
        return form;
    }

    private static DateTime Later(int days) => TestClock.Vn(2026, 11, 17, 9).AddDays(days);

    private static Operation Op(string key, Access access, Func<Target, string> url, Func<Target, HttpContent?>? body = null, params OfficialRole[] roles) =>
        new(key, access, roles, url, body ?? (_ => null));

    private static Operation Act(string action, Func<Target, HttpContent> body, params OfficialRole[] roles) =>
        new($"POST /api/dossiers/{{id:guid}}/{action}", Access.DossierWrite, roles, t => $"/api/dossiers/{t.Id}/{action}", body);

    /// <summary>Every operation under /api, keyed "METHOD route pattern" as the app maps it.</summary>
    public static readonly IReadOnlyList<Operation> Operations =
    [
        Op("POST /api/auth/login", Access.Public, _ => "/api/auth/login", _ => Json(new { userName = "khong-co-ai", password = "sai-mat-khau" })),
        Op("GET /api/calendar/{year:int}", Access.Public, _ => "/api/calendar/2026"),
        Op("POST /api/calendar/{year:int}/days/", Access.Administrator, _ => "/api/calendar/2026/days/",
            _ => Json(new { date = "2026-12-30", kind = "Holiday", reason = "Nghỉ" }), OfficialRole.Administrator),
        Op("DELETE /api/calendar/{year:int}/days/{date}", Access.Administrator, _ => "/api/calendar/2026/days/2026-12-30", null, OfficialRole.Administrator),
        Op("GET /api/units/{unitId:guid}/seal/", Access.Administrator, t => $"/api/units/{t.World.CommuneId}/seal/", null, OfficialRole.Administrator),
        Op("PUT /api/units/{unitId:guid}/seal/", Access.Administrator, t => $"/api/units/{t.World.CommuneId}/seal/", _ => File("file", ("password", "sai")),
            OfficialRole.Administrator),
        Op("DELETE /api/units/{unitId:guid}/seal/", Access.Administrator, t => $"/api/units/{t.World.CommuneId}/seal/", null, OfficialRole.Administrator),
        Op("GET /api/catalog/export", Access.Administrator, _ => "/api/catalog/export", null, OfficialRole.Administrator),
        Op("POST /api/catalog/import", Access.Administrator, _ => "/api/catalog/import", _ => Json(Array.Empty<object>()), OfficialRole.Administrator),
        Op("GET /api/procedures/", Access.Public, _ => "/api/procedures/?q=thuong tru"),
        Op("GET /api/procedures/{code}", Access.Public, _ => "/api/procedures/1.004222"),
        // A fee quote is the published fee schedule applied to numbers: public like the catalog.
        Op("GET /api/procedures/{code}/fees", Access.Public, _ => "/api/procedures/1.004222/fees?channel=online&groups=elderly"),
        // The payment gateway's notice: anyone may call it, only the gateway's signature makes it act (docs/adr/0030e).
        Op("GET /api/payments/vnpay/ipn", Access.Public, _ => "/api/payments/vnpay/ipn?vnp_TxnRef=1&vnp_Amount=100&vnp_SecureHash=00"),
        Op("GET /api/payments/receipts/{id:guid}", Access.OwnPayment, _ => $"/api/payments/receipts/{Guid.NewGuid()}"),
        Op("GET /api/payments/reconciliation", Access.UnitFinance, t => $"/api/payments/reconciliation?unit={t.World.CommuneCode}&date=2026-11-17", null,
            OfficialRole.DeskOfficial, OfficialRole.Leader, OfficialRole.StatisticsOffice, OfficialRole.Administrator),
        Op("GET /api/payments/refunds", Access.UnitFinance, t => $"/api/payments/refunds?unit={t.World.CommuneCode}", null,
            OfficialRole.DeskOfficial, OfficialRole.Leader, OfficialRole.StatisticsOffice, OfficialRole.Administrator),
        Op("POST /api/payments/{id:guid}/refund", Access.UnitFinance, _ => $"/api/payments/{Guid.NewGuid()}/refund", _ => Json(new { method = "Cash", reference = "PC-1" }),
            OfficialRole.DeskOfficial, OfficialRole.Leader, OfficialRole.StatisticsOffice, OfficialRole.Administrator),
        // The national portal's intake: anyone may call it, only the portal's credentials make it act (docs/adr/0031d).
        // A file by the signed link of a sync record: whoever holds a valid link (the national portal); no link, no file.
        Op("GET /api/dvcqg/tep/{id:guid}", Access.Public, _ => $"/api/dvcqg/tep/{Guid.NewGuid():N}"),
        Op("POST /api/dvcqg/ho-so", Access.Public, _ => "/api/dvcqg/ho-so", _ => Json(new { MaHoSoQuocGia = "G22.THU" })),
        Op("GET /api/units/", Access.Public, _ => "/api/units/"),
        Op("GET /api/units/by-code/{code}", Access.Public, t => $"/api/units/by-code/{t.World.CommuneCode}"),
        Op("GET /api/tracking/{code}", Access.Public, t => $"/api/tracking/{t.Code}?lookupCode=SAIMA123"),
        // The scorecard of the dossier's unit: its officials (any role) and those above it; another commune learns nothing.
        Op("GET /api/scorecard/", Access.UnitRead, t => $"/api/scorecard/?unit={t.World.CommuneCode}&from=2026-11-01&to=2026-11-30"),
        Op("GET /api/scorecard/lost", Access.UnitRead, t => $"/api/scorecard/lost?unit={t.World.CommuneCode}&from=2026-11-01&to=2026-11-30&indicator=2.1"),
        // Feedback: the portal's door is open (a sender is a signed-in citizen or holds the item's key); the office's
        // steps are about an item of the official's units, by role (tests/Feedback asserts the unit and role refusals).
        Op("POST /api/feedback/", Access.Public, _ => "/api/feedback/", _ => Json(new { })),
        Op("POST /api/feedback/ multipart/form-data", Access.Public, _ => "/api/feedback/", _ => FeedbackWithFile()),
        Op("GET /api/feedback/mine", Access.Public, _ => "/api/feedback/mine"),
        Op("GET /api/feedback/track/{code}", Access.Public, _ => "/api/feedback/track/PAKN-000000-XXXXXX?key=sai"),
        Op("POST /api/feedback/track/{code}/rating", Access.Public, _ => "/api/feedback/track/PAKN-000000-XXXXXX/rating", _ => Json(new { liked = false, key = "sai" })),
        Op("POST /api/feedback/track/{code}/information", Access.Public, _ => "/api/feedback/track/PAKN-000000-XXXXXX/information", _ => Json(new { text = "Thông tin", key = "sai" })),
        Op("GET /api/feedback/published", Access.Public, _ => "/api/feedback/published?q=thu tuc"),
        Op("GET /api/feedback/published/{code}", Access.Public, _ => "/api/feedback/published/PAKN-000000-XXXXXX"),
        Op("POST /api/feedback/recorded", Access.OwnDesk, _ => "/api/feedback/recorded", _ => Json(new { }),
            OfficialRole.DeskOfficial, OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Specialist),
        Op("GET /api/feedback/", Access.OwnDesk, _ => "/api/feedback/", null,
            OfficialRole.DeskOfficial, OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Specialist),
        Op("GET /api/feedback/{id:guid}", Access.OwnDesk, _ => $"/api/feedback/{Guid.NewGuid()}", null,
            OfficialRole.DeskOfficial, OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Specialist),
        Op("POST /api/feedback/{id:guid}/refuse", Access.OwnDesk, _ => $"/api/feedback/{Guid.NewGuid()}/refuse", _ => Json(new { text = "Lý do" }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("POST /api/feedback/{id:guid}/request-info", Access.OwnDesk, _ => $"/api/feedback/{Guid.NewGuid()}/request-info", _ => Json(new { text = "Cần" }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Specialist),
        Op("POST /api/feedback/{id:guid}/provide-info", Access.OwnDesk, _ => $"/api/feedback/{Guid.NewGuid()}/provide-info", _ => Json(new { text = "Có" }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader, OfficialRole.Specialist, OfficialRole.DeskOfficial),
        Op("POST /api/feedback/{id:guid}/transfer", Access.OwnDesk, _ => $"/api/feedback/{Guid.NewGuid()}/transfer", _ => Json(new { text = "Lý do", unit = "000.00.42.H98" }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("POST /api/feedback/{id:guid}/answer", Access.OwnDesk, _ => $"/api/feedback/{Guid.NewGuid()}/answer", _ => Json(new { text = "Trả lời" }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("POST /api/feedback/{id:guid}/publish", Access.OwnDesk, _ => $"/api/feedback/{Guid.NewGuid()}/publish", _ => Json(new { }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("GET /api/admin/audit", Access.Administrator, _ => "/api/admin/audit", null, OfficialRole.Administrator),
        Op("GET /api/jobs/", Access.Administrator, _ => "/api/jobs/", null, OfficialRole.Administrator),
        Op("POST /api/jobs/{id:guid}/retry", Access.Administrator, _ => $"/api/jobs/{Guid.NewGuid()}/retry", null, OfficialRole.Administrator),
        Op("GET /api/jobs/recurring", Access.Administrator, _ => "/api/jobs/recurring", null, OfficialRole.Administrator),
        Op("POST /api/dossiers/desk", Access.OwnDesk, _ => "/api/dossiers/desk", _ => Json(new { }), OfficialRole.DeskOfficial),
        Op("POST /api/dossiers/desk multipart/form-data", Access.OwnDesk, _ => "/api/dossiers/desk", _ => Scans(), OfficialRole.DeskOfficial),
        Op("POST /api/certified-copies", Access.OwnDesk, _ => "/api/certified-copies", _ => CertifiedCopy(), OfficialRole.DeskOfficial),
        // A malformed ID number: the matrix's app has no population database (a desk official gets 422, not the outage's 503).
        Op("POST /api/population/lookups", Access.OwnDesk, _ => "/api/population/lookups", _ => Json(new { idNumber = "0750", fullName = "Nguyễn Văn Dân", birthDate = "1995-03-12" }), OfficialRole.DeskOfficial),
        Op("POST /api/dossiers/desk/refusals", Access.OwnDesk, _ => "/api/dossiers/desk/refusals", _ => Json(new { }), OfficialRole.DeskOfficial),
        Op("GET /api/reports/dossiers", Access.UnitReport, t => $"/api/reports/dossiers?unit={t.World.CommuneCode}&from=2026-11-01&to=2026-11-30"),
        Op("GET /api/dossiers/", Access.UnitList, t => $"/api/dossiers/?q={t.Code}"),
        // The exchange is about the caller's own units, not this dossier: an importer of another commune may call it (and
        // gets its own records refused, tests/Exchange), an official of Phường Một without the role may not.
        Op("POST /api/dossiers/import", Access.OwnDesk, _ => "/api/dossiers/import", _ => Json(Array.Empty<object>()), OfficialRole.StatisticsOffice),
        Op("GET /api/dossiers/import/{id:guid}", Access.OwnDesk, _ => $"/api/dossiers/import/{Guid.NewGuid()}", null, OfficialRole.StatisticsOffice),
        Op("GET /api/dossiers/export", Access.OwnDesk, _ => "/api/dossiers/export?from=2026-01-01&to=2026-12-31", null,
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("GET /api/dossiers/{id:guid}", Access.DossierRead, t => $"/api/dossiers/{t.Id}"),
        Op("GET /api/dossiers/{id:guid}/notifications", Access.UnitRead, t => $"/api/dossiers/{t.Id}/notifications"),
        Act("receive", _ => Json(new { }), OfficialRole.DeskOfficial),
        Act("refuse", _ => Json(new { reason = "Không thuộc thẩm quyền" }), OfficialRole.DeskOfficial),
        Act("supplement-requests", _ => Json(new { reason = "Thiếu giấy tờ", missingItems = new[] { "Hợp đồng thuê nhà có công chứng" } }),
            OfficialRole.DeskOfficial, OfficialRole.Specialist),
        Act("supplement-answer", _ => Json(new { note = "Đã bổ sung" }), OfficialRole.DeskOfficial),
        new("POST /api/dossiers/{id:guid}/components/{componentId:guid}/scans", Access.DossierWrite, [OfficialRole.DeskOfficial],
            t => $"/api/dossiers/{t.Id}/components/{t.ComponentId}/scans", _ => File("files")),
        Act("start-processing", t => Json(new { unitId = t.World.JusticeId }), OfficialRole.DeskOfficial),
        Act("transfer", t => Json(new { unitId = t.World.OtherCommuneId, note = "Chuyển đi" }),
            OfficialRole.DeskOfficial, OfficialRole.Leader, OfficialRole.Specialist),
        Act("assign", t => Json(new { officialId = t.SpecialistId }), OfficialRole.Leader),
        Act("coordinations", t => Json(new { unitId = t.World.OtherCommuneId, question = "Xin ý kiến thêm", dueAtUtc = Later(2) }), OfficialRole.Specialist),
        new("POST /api/dossiers/{id:guid}/coordinations/{coordinationId:guid}/answer", Access.CoordinationAnswer, [OfficialRole.Specialist, OfficialRole.Leader],
            t => $"/api/dossiers/{t.Id}/coordinations/{t.CoordinationId}/answer", _ => Json(new { answer = "Đồng ý, không có ý kiến khác" })),
        new("POST /api/dossiers/{id:guid}/draft", Access.DossierWrite, [OfficialRole.Specialist], t => $"/api/dossiers/{t.Id}/draft", _ => File("file")),
        Act("submit-for-approval", _ => Json(new { note = "Trình ký" }), OfficialRole.Specialist),
        Act("approve", _ => Json(new { note = "Đồng ý" }), OfficialRole.Leader),
        Act("send-back", _ => Json(new { reason = "Sửa lại" }), OfficialRole.Leader),
        new("POST /api/dossiers/{id:guid}/files/{fileId:guid}/sign", Access.DossierWrite, [OfficialRole.DeskOfficial],
            t => $"/api/dossiers/{t.Id}/files/{Guid.NewGuid()}/sign", _ => Json(new { })),
        new("POST /api/dossiers/{id:guid}/issue", Access.DossierWrite, [OfficialRole.Clerk], t => $"/api/dossiers/{t.Id}/issue", _ => File("file", ("number", "99/TB"))),
        Act("financial-obligation", _ => Json(new { description = "Nộp lệ phí trước bạ" }), OfficialRole.Specialist),
        Act("financial-obligation/fulfilled", _ => Json(new { }), OfficialRole.DeskOfficial, OfficialRole.Specialist),
        Act("payments", _ => Json(new { amount = 20_000, method = "Desk", reference = "BL-9999" }), OfficialRole.DeskOfficial),
        Act("return", _ => Json(new { method = "Desk", receivedBy = "Người lạ" }), OfficialRole.DeskOfficial),
        Act("apology", _ => Json(new { reason = "Xin lỗi", newDueAtUtc = Later(30) }), OfficialRole.Leader, OfficialRole.StatisticsOffice),
        Act("stop", _ => Json(new { reason = "Dừng" }), OfficialRole.Leader),
        new("POST /api/dossiers/{id:guid}/withdraw", Access.DossierWrite, [OfficialRole.DeskOfficial, OfficialRole.Leader],
            t => $"/api/dossiers/{t.Id}/withdraw", _ => File("file", ("reason", "Rút"))),
        // Forms as PDF: the same scope as the pages (the dossier's units; the consulted commune is not one of them).
        Op("GET /api/dossiers/{id:guid}/forms/{form}.pdf", Access.UnitRead, t => $"/api/dossiers/{t.Id}/forms/06.pdf"),
        // The register lists the caller's own units only (asserted in Forms/FormPdfTests); it never changes a dossier.
        Op("GET /api/forms/07.pdf", Access.UnitDataRead, _ => "/api/forms/07.pdf?from=2026-11-01&to=2026-11-30"),
        Op("GET /api/targets", Access.UnitDataRead, t => $"/api/targets?unit={t.World.CommuneCode}"),
        Op("POST /api/targets", Access.UnitDataWrite, _ => "/api/targets",
            t => Json(new { unit = t.World.CommuneCode, year = 2026, targets = new[] { new { metric = "toan-trinh", value = 60 } } }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("POST /api/targets/import", Access.UnitDataWrite, _ => "/api/targets/import", _ => File("file"), OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("GET /api/campaigns", Access.UnitDataRead, t => $"/api/campaigns?unit={t.World.CommuneCode}"),
        Op("POST /api/campaigns", Access.UnitDataWrite, _ => "/api/campaigns",
            t => Json(new { unit = t.World.CommuneCode, name = "Chiến dịch", start = "2026-11-01", end = "2026-11-30", milestones = new[] { new { metric = "so-hoa", value = 80 } } }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("GET /api/campaigns/{id:guid}", Access.UnitDataRead, _ => $"/api/campaigns/{Guid.NewGuid()}"),
        Op("GET /api/plan-tasks", Access.UnitDataRead, t => $"/api/plan-tasks?unit={t.World.CommuneCode}"),
        Op("POST /api/plan-tasks", Access.UnitDataWrite, _ => "/api/plan-tasks",
            t => Json(new { unit = t.World.CommuneCode, title = "Nhiệm vụ", leadUnits = "Bộ phận Một cửa", dueDate = "2026-12-31" }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("GET /api/plan-tasks/{id:guid}", Access.UnitDataRead, _ => $"/api/plan-tasks/{Guid.NewGuid()}"),
        Op("POST /api/plan-tasks/{id:guid}/updates", Access.UnitDataWrite, _ => $"/api/plan-tasks/{Guid.NewGuid()}/updates",
            _ => Json(new { status = "Done", evidence = "Xong" }), OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("PUT /api/campaigns/{id:guid}", Access.UnitDataWrite, _ => $"/api/campaigns/{Guid.NewGuid()}",
            _ => Json(new { name = "Chiến dịch", start = "2026-11-01", end = "2026-11-30", milestones = new[] { new { metric = "so-hoa", value = 80 } } }),
            OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("DELETE /api/campaigns/{id:guid}", Access.UnitDataWrite, _ => $"/api/campaigns/{Guid.NewGuid()}", null, OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("PUT /api/plan-tasks/{id:guid}", Access.UnitDataWrite, _ => $"/api/plan-tasks/{Guid.NewGuid()}",
            _ => Json(new { title = "Nhiệm vụ", leadUnits = "Bộ phận Một cửa", dueDate = "2026-12-31" }), OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("POST /api/plan-tasks/{id:guid}/cancel", Access.UnitDataWrite, _ => $"/api/plan-tasks/{Guid.NewGuid()}/cancel",
            _ => Json(new { reason = "Không còn phù hợp" }), OfficialRole.StatisticsOffice, OfficialRole.Leader),
        Op("DELETE /api/plan-tasks/{id:guid}", Access.UnitDataWrite, _ => $"/api/plan-tasks/{Guid.NewGuid()}", null, OfficialRole.StatisticsOffice, OfficialRole.Leader),
    ];

    public static TheoryData<string, Intruder> Cases()
    {
        var cases = new TheoryData<string, Intruder>();
        foreach (var operation in Operations)
            foreach (var intruder in Enum.GetValues<Intruder>())
                cases.Add(operation.Key, intruder);
        return cases;
    }

    [Fact]
    public void EveryApiOperation_HasARowInTheMatrix()
    {
        var operations = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (Key: $"{m} {e.RoutePattern.RawText}", Endpoint: e)))
            .ToList();
        // Two endpoints under one address are told apart by the body they accept (the desk reception with its scans).
        var mapped = operations
            .Select(o => operations.Count(other => other.Key == o.Key) > 1 && o.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
                         && !accepts.ContentTypes.Contains("application/json") ? $"{o.Key} {string.Join(",", accepts.ContentTypes)}" : o.Key)
            .Order(StringComparer.Ordinal).ToList();

        mapped.ShouldNotBeEmpty();
        mapped.Except(Operations.Select(o => o.Key)).ShouldBeEmpty("API operations without a row in the authorization matrix");
        Operations.Select(o => o.Key).Except(mapped).ShouldBeEmpty("rows for operations the app no longer has");
        Operations.Select(o => o.Key).ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_ByAnIntruder_IsRefusedAndLeavesTheDossierAsItWas(string key, Intruder intruder)
    {
        var operation = Operations.Single(o => o.Key == key);
        var target = await app.TargetAsync(answered: intruder == Intruder.ConsultedUnitAfterAnswer);
        var client = await app.ClientAsync(intruder, operation);
        using var request = new HttpRequestMessage(new HttpMethod(key[..key.IndexOf(' ', StringComparison.Ordinal)]), operation.Url(target))
        {
            Content = operation.Body(target),
        };

        using var response = await client.SendAsync(request, Ct);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(Ct);
        var why = $"{key} by {intruder}: {status} {body[..Math.Min(body.Length, 500)]}";

        status.ShouldBeLessThan(500, why);
        var after = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == target.Id)
            .Select(d => new { d.Revision, d.Status, Open = d.Coordinations.Count(c => c.AnsweredAtUtc == null) }).SingleAsync(Ct));

        switch (Expected(operation.Access, intruder))
        {
            case int refused:
                status.ShouldBe(refused, why);
                (after.Revision, after.Status).ShouldBe((target.Revision, target.Status), why);
                break;
            case Allowed.Read:
                status.ShouldBe(StatusCodes.Status200OK, why);
                (after.Revision, after.Status).ShouldBe((target.Revision, target.Status), why);
                break;
            case Allowed.ListWithoutTheDossier:
                status.ShouldBe(StatusCodes.Status200OK, why);
                (await response.Content.ReadFromJsonAsync<ListDossiers.Page>(TestJson.Options, Ct))!.Items.ShouldNotContain(i => i.Id == target.Id, why);
                (after.Revision, after.Status).ShouldBe((target.Revision, target.Status), why);
                break;
            case Allowed.Answer:
                status.ShouldBe(StatusCodes.Status200OK, why);
                (after.Revision, after.Status, after.Open).ShouldBe((target.Revision + 1, target.Status, 0), why);
                break;
            default:
                // Open to this caller, and not about this dossier: whatever the answer, the dossier is untouched.
                (after.Revision, after.Status).ShouldBe((target.Revision, target.Status), why);
                break;
        }
    }

    /// <summary>The request is to Xã Hai itself: a body inside Xã Hai sees the dossier but may not answer for it,
    /// nor act on it in any of its roles.</summary>
    [Theory]
    [InlineData("coordinations/{c}/answer")]
    [InlineData("payments")]
    [InlineData("apology")]
    [InlineData("stop")]
    [InlineData("withdraw")]
    [InlineData("supplement-requests")]
    public async Task Action_ByAnotherBodyOfTheConsultedCommune_Is403AndChangesNothing(string action)
    {
        var target = await app.TargetAsync(answered: false);
        var client = await app.ClientAsync(await app.ConsultedCommuneBodyAsync());
        var operation = Operations.Single(o => o.Key.EndsWith("/" + action.Replace("{c}", "{coordinationId:guid}", StringComparison.Ordinal), StringComparison.Ordinal));

        (await client.GetAsync($"/api/dossiers/{target.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var response = await client.PostAsync(operation.Url(target), operation.Body(target), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync(Ct));
        var after = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == target.Id).Select(d => new { d.Revision, d.Status }).SingleAsync(Ct));
        (after.Revision, after.Status).ShouldBe((target.Revision, target.Status));
    }

    private enum Allowed { Read, ListWithoutTheDossier, Answer, NotThisDossier }

    /// <summary>The answer each intruder must get: a status code for a refusal, or what they may do.</summary>
    private static object Expected(Access access, Intruder intruder) => (access, intruder) switch
    {
        (Access.Public, _) => Allowed.NotThisDossier,
        (_, Intruder.Anonymous) => StatusCodes.Status401Unauthorized,
        (Access.OwnPayment, _) => StatusCodes.Status404NotFound,
        (_, Intruder.Citizen) => StatusCodes.Status403Forbidden,
        (Access.UnitFinance, Intruder.SameUnitWrongRole) => StatusCodes.Status403Forbidden,
        (Access.UnitFinance, _) => StatusCodes.Status404NotFound,
        (Access.UnitDataWrite, Intruder.SameUnitWrongRole) => StatusCodes.Status403Forbidden,
        (Access.UnitDataRead or Access.UnitDataWrite, _) => Allowed.NotThisDossier,
        (Access.Administrator, _) => StatusCodes.Status403Forbidden,
        (_, Intruder.SameUnitWrongRole) when access is Access.OwnDesk or Access.DossierWrite or Access.CoordinationAnswer => StatusCodes.Status403Forbidden,
        (_, Intruder.SameUnitWrongRole) when access is Access.UnitList => Allowed.NotThisDossier,
        (_, Intruder.SameUnitWrongRole) => Allowed.Read,
        (Access.UnitReport, _) => StatusCodes.Status403Forbidden,
        (Access.OwnDesk, _) => Allowed.NotThisDossier,
        (Access.UnitList, _) => Allowed.ListWithoutTheDossier,
        (Access.DossierRead, Intruder.ConsultedUnit or Intruder.ConsultedUnitAfterAnswer) => Allowed.Read,
        (Access.CoordinationAnswer, Intruder.ConsultedUnit) => Allowed.Answer,
        // The consulted unit sees the dossier, so it is told it may not act rather than that nothing is there.
        (Access.DossierWrite or Access.CoordinationAnswer, Intruder.ConsultedUnit or Intruder.ConsultedUnitAfterAnswer) => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status404NotFound,
    };

    /// <summary>The app with the intruders' accounts and the dossier under attack, kept between cases while nothing changes it.</summary>
    public sealed class MatrixApp : AppFactory
    {
        private readonly Dictionary<string, HttpClient> _clients = [];
        private readonly Dictionary<bool, Target> _targets = [];
        private HttpClient? _citizen;

        public const string WrongUnitUser = "xa-ba.moi-vai-tro";
        public const string ConsultedUser = "xa-hai.moi-vai-tro";

        public async Task<HttpClient> ClientAsync(Intruder intruder, Operation operation) => intruder switch
        {
            Intruder.Anonymous => CreateClient(),
            Intruder.Citizen => _citizen ??= (await OfficeClient.SignInCitizenAsync(this, TestData.CitizenPhone)).Http,
            Intruder.WrongUnit => await OfficialAsync(WrongUnitUser),
            Intruder.ConsultedUnit or Intruder.ConsultedUnitAfterAnswer => await OfficialAsync(ConsultedUser),
            _ => await OfficialAsync(await WithoutAsync(operation.Roles)),
        };

        public Task<HttpClient> ClientAsync(string userName) => OfficialAsync(userName);

        /// <summary>An official (every working role) of a department inside Xã Hai, the commune consulted on the dossier.</summary>
        public async Task<string> ConsultedCommuneBodyAsync()
        {
            const string userName = "xa-hai.van-phong.moi-vai-tro";
            var world = await this.SeedWorldAsync();
            await EnsureIntrudersAsync(world);
            if (await WithDbAsync(db => db.Officials.AnyAsync(o => o.UserName == userName))) return userName;
            var office = new Unit(Guid.NewGuid(), "Văn phòng HĐND và UBND xã Hai", UnitKind.Department, world.OtherCommuneId, "000.02.42.H98",
                new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc));
            await WithDbAsync(async db =>
            {
                db.Units.Add(office);
                await db.SaveChangesAsync();
            });
            Services.GetRequiredService<UnitTree>().Invalidate();
            await EnsureOfficialAsync(userName, office.Id, Working);
            return userName;
        }

        private async Task<HttpClient> OfficialAsync(string userName)
        {
            if (!_clients.TryGetValue(userName, out var client)) _clients[userName] = client = await ClientAsAsync(userName);
            return client;
        }

        /// <summary>An official of Phường Một holding every working role except those given (for reads: only the statistics office).</summary>
        private async Task<string> WithoutAsync(OfficialRole[] roles)
        {
            var world = await this.SeedWorldAsync();
            if (roles.Length == 0) return "stats";
            var held = Working.Except(roles).ToArray();
            var userName = "phuong-mot.khong-" + string.Join('-', roles.Select(r => r.ToString().ToLowerInvariant()));
            await EnsureOfficialAsync(userName, world.CommuneId, held);
            return userName;
        }

        private async Task EnsureOfficialAsync(string userName, Guid unitId, IReadOnlyList<OfficialRole> roles)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is not null) return;
            var official = new Official { Id = Guid.NewGuid(), UserName = userName, FullName = "Cán bộ " + userName, UnitId = unitId };
            (await users.CreateAsync(official, TestData.Password)).Succeeded.ShouldBeTrue();
            (await users.AddToRolesAsync(official, roles.Select(r => r.ToString()))).Succeeded.ShouldBeTrue();
        }

        /// <summary>The dossier for a case: the one of the previous case if nothing changed it, else a new one.</summary>
        public async Task<Target> TargetAsync(bool answered)
        {
            var world = await this.SeedWorldAsync();
            await EnsureIntrudersAsync(world);
            if (_targets.TryGetValue(answered, out var kept))
            {
                var now = await WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == kept.Id)
                    .Select(d => new { d.Revision, d.Status, Open = d.Coordinations.Count(c => c.AnsweredAtUtc == null) }).SingleAsync());
                if ((now.Revision, now.Status, now.Open) == (kept.Revision, kept.Status, answered ? 0 : 1)) return kept;
            }
            return _targets[answered] = await NewTargetAsync(world, answered);
        }

        private bool _intruders;

        private async Task EnsureIntrudersAsync(TestData.World world)
        {
            if (_intruders) return;
            var third = new Unit(Guid.NewGuid(), "Xã Ba", UnitKind.Commune, world.ProvinceId, "000.00.43.H98", new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc));
            await WithDbAsync(async db =>
            {
                db.Units.Add(third);
                await db.SaveChangesAsync();
            });
            Services.GetRequiredService<UnitTree>().Invalidate();
            await EnsureOfficialAsync(WrongUnitUser, third.Id, Working);
            await EnsureOfficialAsync(ConsultedUser, world.OtherCommuneId, Working);
            _intruders = true;
        }

        private async Task<Target> NewTargetAsync(TestData.World world, bool answered)
        {
            var desk = await OfficialAsync("desk");
            var received = await desk.PostAsJsonAsync("/api/dossiers/desk", new
            {
                procedureCode = "1.004222",
                applicant = new { kind = "Person", fullName = TestData.CitizenName, idNumber = TestData.CitizenIdNumber, phone = TestData.CitizenPhone },
                components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
            }, Ct);
            received.StatusCode.ShouldBe(HttpStatusCode.Created, await received.Content.ReadAsStringAsync(Ct));
            var id = (await received.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!.Id;
            var specialistId = await WithDbAsync(db => db.Officials.Where(o => o.UserName == "specialist").Select(o => o.Id).SingleAsync());

            await PostAsync(desk, $"/api/dossiers/{id}/start-processing", new { unitId = world.JusticeId });
            await PostAsync(await OfficialAsync("leader"), $"/api/dossiers/{id}/assign", new { officialId = specialistId });
            await PostAsync(await OfficialAsync("specialist"), $"/api/dossiers/{id}/coordinations",
                new { unitId = world.OtherCommuneId, question = "Xin xác nhận nơi cư trú trước đây của người nộp", dueAtUtc = Later(2) });
            var view = (await desk.GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{id}", TestJson.Options, Ct))!;
            var coordinationId = view.Coordinations.Single().Id;
            if (answered)
                await PostAsync(await OfficialAsync(ConsultedUser), $"/api/dossiers/{id}/coordinations/{coordinationId}/answer", new { answer = "Xác nhận đúng" });
            var stored = await WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Code, d.Revision, d.Status }).SingleAsync());
            return new Target(id, stored.Code!, view.Components.Single(c => c.Code == "CHO_O").Id, coordinationId, stored.Revision, stored.Status, world, specialistId);
        }

        private static async Task PostAsync(HttpClient client, string url, object body)
        {
            var response = await client.PostAsJsonAsync(url, body, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }
}
