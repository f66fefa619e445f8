using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Population.Sandbox;

/// <summary>A local stand-in for the national population database's sharing service, for development, the demo and the
/// tests — never served in Production (<see cref="PopulationModule.MapPopulation"/>). It issues client-credentials tokens
/// and answers lookups from a fixed list of demo people (the demo data's citizens and their households): found when the
/// ID number, name and birth date match, "not found" for an unknown ID number, "details do not match" otherwise. By
/// configuration (Population:Simulator:Mode) it is slow or down (503). It keeps the queries it received in memory.</summary>
public sealed class PopulationRegistrySimulator(IOptionsMonitor<PopulationOptions> options, TimeProvider clock)
{
    public const string Root = "/sandbox/csdl-dan-cu";

    private static readonly Household DanFamily = new("HK-075-000123",
        new HouseholdMember("075095001234", "Nguyễn Văn Dân", "Chủ hộ"),
        [
            new HouseholdMember("075095001234", "Nguyễn Văn Dân", "Chủ hộ"),
            new HouseholdMember("075196004321", "Trần Thị Mai", "Vợ"),
            new HouseholdMember("075222001111", "Nguyễn Minh An", "Con"),
        ]);

    private static readonly Household HoTroFamily = new("HK-075-000456",
        new HouseholdMember("075190005678", "Lê Thị Hỗ Trợ", "Chủ hộ"),
        [new HouseholdMember("075190005678", "Lê Thị Hỗ Trợ", "Chủ hộ")]);

    private const string DanHome = "Số 12 đường Đồng Khởi, khu phố 3, phường Trần Biên, tỉnh Đồng Nai";

    /// <summary>The demo people: the demo citizen (congdan) and his household, the community digital team member
    /// (tocongnghe), and one person whose current residence differs from the permanent one.</summary>
    public static readonly IReadOnlyList<PersonRecord> People =
    [
        new("075095001234", "Nguyễn Văn Dân", new DateOnly(1995, 3, 12), Sex.Male, DanHome, null, DanFamily),
        new("075196004321", "Trần Thị Mai", new DateOnly(1996, 7, 20), Sex.Female, DanHome, null, DanFamily),
        new("075222001111", "Nguyễn Minh An", new DateOnly(2022, 5, 2), Sex.Male, DanHome, null, DanFamily),
        new("075190005678", "Lê Thị Hỗ Trợ", new DateOnly(1990, 11, 5), Sex.Female, "Ấp Bến Cam, xã Tam Phước, tỉnh Đồng Nai", null, HoTroFamily),
        new("075088007777", "Phạm Quốc Bảo", new DateOnly(1988, 1, 30), Sex.Male, "Thôn 4, xã Phú Lộc, tỉnh Đồng Nai",
            "Số 8 hẻm 21 đường Phạm Văn Thuận, phường Trần Biên, tỉnh Đồng Nai",
            new Household("HK-075-000789", new HouseholdMember("075060002222", "Phạm Văn Lộc", "Chủ hộ"),
                [new HouseholdMember("075060002222", "Phạm Văn Lộc", "Chủ hộ"), new HouseholdMember("075088007777", "Phạm Quốc Bảo", "Con")])),
    ];

    private readonly ConcurrentQueue<PopulationWire.Query> _queries = new();
    private readonly ConcurrentDictionary<string, DateTime> _tokens = new(StringComparer.Ordinal);

    private PopulationSimulatorOptions Options => options.CurrentValue.Simulator;

    /// <summary>Every query received, in order.</summary>
    public IReadOnlyList<PopulationWire.Query> Queries => [.. _queries];

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Root).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        group.MapPost("/oauth/token", async (HttpContext context, PopulationRegistrySimulator s) => await s.TokenAsync(context));
        group.MapPost("/api/cong-dan/tra-cuu", async (HttpContext context, PopulationRegistrySimulator s) => await s.LookUpAsync(context));
        group.MapGet("/", () => Results.Content(Page(), "text/html; charset=utf-8"));
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (form is null || form["grant_type"] != "client_credentials")
            return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        if (!Same(form["client_id"].ToString(), Options.ClientId) || !Same(form["client_secret"].ToString(), Options.ClientSecret))
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = clock.GetUtcNow().UtcDateTime + Options.TokenLifetime;
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = (int)Options.TokenLifetime.TotalSeconds,
        });
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private bool HasValidToken(HttpContext context)
    {
        var auth = context.Request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.TryGetValue(auth["Bearer ".Length..], out var expires)
               && expires > clock.GetUtcNow().UtcDateTime;
    }

    private async Task<IResult> LookUpAsync(HttpContext context)
    {
        if (!HasValidToken(context)) return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        var o = Options;
        if (o.Mode == PopulationSimulatorMode.Fail) return Results.Json(new { error = "Hệ thống đang bảo trì." }, statusCode: 503);
        if (o.Mode == PopulationSimulatorMode.Slow) await Task.Delay(o.Delay, context.RequestAborted);
        PopulationWire.Query? query;
        try
        {
            query = await context.Request.ReadFromJsonAsync<PopulationWire.Query>(PopulationWire.Json, context.RequestAborted);
        }
        catch (JsonException)
        {
            query = null;
        }
        if (query is null || query.RequestId.Length == 0 || query.Purpose.Length == 0 || query.Requester.Length == 0)
            return Results.Json(new PopulationWire.Answer { RequestId = query?.RequestId, Code = "9", Message = "Yêu cầu thiếu mã yêu cầu, người khai thác hoặc mục đích." });
        _queries.Enqueue(query);
        var answer = Judge(query);
        answer.RequestId = query.RequestId;
        return Results.Json(answer, PopulationWire.Json);
    }

    /// <summary>As the service judges a query: the ID number first, then the name (case and spacing aside, diacritics
    /// counted) and the birth date.</summary>
    public static PopulationWire.Answer Judge(PopulationWire.Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var person = People.FirstOrDefault(p => p.IdNumber == query.IdNumber.Trim());
        if (person is null) return new PopulationWire.Answer { Code = PopulationWire.NotFound, Message = "Không tìm thấy công dân có số định danh này." };
        var born = DateOnly.TryParseExact(query.BirthDate, PopulationWire.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        if (Folded(query.FullName) != Folded(person.FullName) || born != person.BirthDate)
            return new PopulationWire.Answer { Code = PopulationWire.Mismatch, Message = "Thông tin họ tên, ngày sinh không khớp với số định danh." };
        return new PopulationWire.Answer { Code = PopulationWire.Found, Message = "Thành công", Person = PopulationWire.From(person) };
    }

    private static string Folded(string name) =>
        string.Join(" ", (Text.NormalizeOrNull(name) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private static string Page()
    {
        var rows = string.Join("", People.Select(p =>
            $"<tr><td>{p.IdNumber}</td><td>{System.Net.WebUtility.HtmlEncode(p.FullName)}</td><td>{p.BirthDate:dd/MM/yyyy}</td><td>{System.Net.WebUtility.HtmlEncode(p.Residence)}</td></tr>"));
        return "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Mô phỏng CSDL quốc gia về dân cư</title>" +
               "<h1>Mô phỏng Cơ sở dữ liệu quốc gia về dân cư (chỉ dùng khi phát triển)</h1>" +
               "<p>Tra cứu theo số định danh, họ tên và ngày sinh. Các công dân mẫu:</p>" +
               "<table><thead><tr><th>Số định danh</th><th>Họ và tên</th><th>Ngày sinh</th><th>Nơi ở</th></tr></thead><tbody>" + rows + "</tbody></table></html>";
    }
}
