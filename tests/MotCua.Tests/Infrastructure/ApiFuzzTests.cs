using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Pages.Office.Reception;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Infrastructure;

/// <summary>Property: whatever body, route value or query an API operation is sent — of the right shape with odd
/// values, of the wrong shape, or not JSON at all — the answer is never a 5xx, and a 4xx is a ProblemDetails in
/// Vietnamese. Operations come from the app's own OpenAPI document, bodies are generated from its schemas, and each
/// is sent by an official holding the role the operation requires, against real dossiers of the official's unit.</summary>
public sealed class ApiFuzzTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int RequestsPerOperation = 40;
    private const ulong Seed = 20_261_117;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Operation(string Method, string Path, JsonElement Definition, string User);

    /// <summary>A generated request; <see cref="Describe"/> is what a failure prints to reproduce it.</summary>
    private sealed record Fuzzed(string Method, string Url, string? Json, IReadOnlyList<(string Name, string Value)>? Form, int Files)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), Url);
            if (Json is not null) message.Content = new StringContent(Json, Encoding.UTF8, "application/json");
            if (Form is not null)
            {
                var form = new MultipartFormDataContent();
                foreach (var (name, value) in Form) form.Add(new StringContent(value), name);
                for (var i = 0; i < Files; i++)
                {
                    var file = new ByteArrayContent(i % 2 == 0 ? ReceptionForms.Pdf : [0x4D, 0x5A, 0x90, 0x00]);
                    file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    form.Add(file, "files", $"tep-{i}.pdf");
                    form.Add(new ByteArrayContent(ReceptionForms.Pdf), "file", $"tep-{i}.pdf");
                }
                message.Content = form;
            }
            return message;
        }

        public string Describe() =>
            $"{Method} {Url} {(Json is null ? "" : Json.Length > 300 ? Json[..300] + "…" : Json)}{(Form is null ? "" : " form: " + string.Join("&", Form.Select(f => $"{f.Name}={Clip(f.Value)}")) + $" files: {Files}")}";

        private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
    }

    [Fact]
    public async Task EveryApiOperation_WithRandomAndHostileInput_NeverAnswers5xx_AndExplains4xxInVietnamese()
    {
        var world = await app.SeedWorldAsync();
        var users = new[] { "desk", "leader", "specialist", "clerk", "stats", "admin" };
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in users) clients[user] = await app.ClientAsAsync(user);
        var specialistId = await app.WithDbAsync(db => db.Officials.Where(o => o.UserName == "specialist").Select(o => o.Id).SingleAsync(Ct));
        var received = 0;
        // Each operation gets dossiers just received: the earlier operations' requests have moved theirs on (stopped,
        // refused, apologised for once), and an action on a finished dossier never reaches its dates and rules.
        async Task<Values> FreshDossiersAsync()
        {
            var dossierIds = new List<Guid>();
            var componentIds = new List<Guid>();
            for (var i = 0; i < 4; i++)
            {
                var response = await clients["desk"].PostAsJsonAsync("/api/dossiers/desk", new
                {
                    procedureCode = "1.004222",
                    applicant = new { kind = "Person", fullName = "Phạm Thị Thử", idNumber = $"0791900{++received:00000}", phone = "0987654321" },
                    components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
                }, Ct);
                var id = (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!.Id;
                dossierIds.Add(id);
                componentIds.AddRange((await clients["desk"].GetFromJsonAsync<GetDossier.View>($"/api/dossiers/{id}", TestJson.Options, Ct))!.Components.Select(c => c.Id));
            }
            var ids = dossierIds.Concat(componentIds)
                .Concat([world.CommuneId, world.DeskId, world.JusticeId, world.OtherCommuneId, specialistId, Guid.Empty, Guid.NewGuid()]).ToArray();
            return new Values(ids, dossierIds.ToArray(), componentIds.ToArray());
        }

        using var document = JsonDocument.Parse(await clients["admin"].GetStringAsync("/openapi/v1.json", Ct));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var operations = Operations(document.RootElement.GetProperty("paths")).ToList();
        operations.Count.ShouldBeGreaterThan(25);

        var failures = new List<string>();
        var answers = new SortedDictionary<int, int>();
        var sent = 0;
        foreach (var operation in operations)
        {
            var generator = RequestOf(operation, schemas, await FreshDossiersAsync());
            // One seed per operation: a failure is reproduced by running the test again.
            var rnd = new Rnd(Seed + (ulong)(uint)StableHash(operation.Method + operation.Path));
            foreach (var request in Gen.Sample(generator, RequestsPerOperation, rnd, 30))
            {
                using var message = request.ToMessage();
                using var response = await clients[operation.User].SendAsync(message, Ct);
                sent++;
                var status = (int)response.StatusCode;
                answers[status] = answers.GetValueOrDefault(status) + 1;
                if (status < 400) continue;
                var text = await response.Content.ReadAsStringAsync(Ct);
                // 503 is the one 5xx with a meaning: a national system the operation needs (here the population database,
                // which this app is not connected to) is unreachable; it must still be explained in Vietnamese.
                if (status == 503 && operation.Path == "/api/population/lookups" && IsVietnameseProblem(text)) continue;
                if (status >= 500) failures.Add($"{status} as {operation.User}: {request.Describe()}\n    → {Clip(text)}");
                else if (!IsVietnameseProblem(text)) failures.Add($"{status} without a Vietnamese ProblemDetails as {operation.User}: {request.Describe()}\n    → {Clip(text)}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{sent} requests to {operations.Count} operations: " +
                                                        string.Join(", ", answers.Select(a => $"{a.Key} × {a.Value}")));
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(30)));
        sent.ShouldBe(operations.Count * RequestsPerOperation);
    }

    private static string Clip(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c));

    private static bool IsVietnameseProblem(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var words = (root.TryGetProperty("title", out var t) ? t.GetString() : "") + " " + (root.TryGetProperty("detail", out var d) ? d.GetString() : "");
            return root.TryGetProperty("status", out _) && words.Any(c => c > 127);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private IEnumerable<Operation> Operations(JsonElement paths)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        foreach (var operation in path.Value.EnumerateObject())
        {
            var method = operation.Name.ToUpperInvariant();
            var endpoint = endpoints.Single(e => Route(e.RoutePattern.RawText!) == Route(path.Name) &&
                                                 e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains(method) &&
                                                 // Not the desk reception's multipart twin, which shares the address and is left out of the document.
                                                 e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true });
            yield return new Operation(method, path.Name, operation.Value, UserFor(endpoint));
        }
    }

    private static string Route(string pattern) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+):[^}]+\}", "{$1}").Trim('/');

    /// <summary>The test official holding a role the operation requires (the desk official where any official may call).</summary>
    private static string UserFor(Microsoft.AspNetCore.Http.Endpoint endpoint)
    {
        var roles = endpoint.Metadata.OfType<IAuthorizeData>().SelectMany(a => (a.Roles ?? "").Split(',').Append(a.Policy ?? ""))
            .Concat(endpoint.Metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>()).SelectMany(r => r.AllowedRoles))
            .Where(r => r.Length > 0).ToList();
        string[] order = ["DeskOfficial", "Leader", "Specialist", "Clerk", "StatisticsOffice", "Administrator"];
        return order.FirstOrDefault(roles.Contains) switch
        {
            "Leader" => "leader",
            "Specialist" => "specialist",
            "Clerk" => "clerk",
            "StatisticsOffice" => "stats",
            "Administrator" => "admin",
            _ => "desk",
        };
    }

    private sealed record Values(Guid[] Ids, Guid[] DossierIds, Guid[] ComponentIds);

    // ------------------------------------------------------------------ generators

    /// <summary>Values that pass most checks, so that bodies reach the rules behind them (a dossier's state, its dates).</summary>
    private static readonly string[] Benign = ["Nguyễn Văn Thử", "Giấy tờ chưa hợp lệ", "Ghi chú", "BL-001", "25/TB-UBND"];

    private static readonly string[] Texts =
    [
        "", " ", "a", "Nguyễn Văn Thử", "Lý do: giấy tờ chưa hợp lệ", "1.004222", "2.000815", "TK", "CHO_O", "Person", "Desk", "Postal",
        "0987654321", "079190000001", "ai@example.vn", "'; DROP TABLE \"Dossiers\"; --", "<script>alert(1)</script>", "🙂👍", "\0", "a\u0001b",
        "2026-11-17", "2026-11-17T09:00:00Z", "9999-12-31", "0001-01-01", "null", "true", "-1", "99999999999",
        new string('x', 201), new string('đ', 2_001), new string('x', 5_000), new string('y', 100_001),
    ];

    private static readonly string[] Numbers =
        ["0", "1", "2", "-1", "3", "99", "1.5", "2147483647", "-2147483648", "2147483648", "99999999999", "9223372036854775807", "1e308", "-0"];

    private static readonly string[] Instants =
        ["2026-11-18T09:00:00Z", "2026-12-31T17:00:00Z", "2027-06-01T00:00:00+07:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "hôm nay"];

    private static readonly string[] Days = ["2026-11-18", "2027-03-03", "2027-03-06", "9999-12-31", "0001-01-01", "2026-02-30", "18/11/2026"];

    private static Gen<string> JsonString(IEnumerable<string> texts) => Gen.Elements(texts.Select(t => JsonSerializer.Serialize(t)).ToArray());

    /// <summary>Values no field expects: the wrong type, null, a deep nesting, an empty object or list.</summary>
    private static Gen<string> Hostile() => Gen.OneOf(
        Gen.Elements("null", "true", "[]", "{}", "[null]", "[[[]]]", "{\"x\":1}", new string('[', 300) + new string(']', 300)),
        Gen.Elements(Numbers),
        JsonString(Texts));

    /// <summary>A value for a field: mostly of the right type and often one the app accepts (by the field's name),
    /// sometimes odd (huge, NUL, year 9999), now and then of the wrong type altogether.</summary>
    private static Gen<string> Value(JsonElement schema, JsonElement schemas, Values values, int depth, string name = "")
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return depth > 4 ? Gen.Constant("null") : Value(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas, values, depth + 1, name);
        Gen<string> good;
        var likely = name switch
        {
            // Without a revision an action does not check for concurrent changes, so it reaches the dossier's rules.
            "revision" => Gen.Elements("null", "null", "null", "1", "2"),
            "procedureCode" => JsonString(["1.004222", "2.000815"]),
            "requirementCode" => JsonString(["TK", "CHO_O", "BAN_CHINH", "BAN_SAO"]),
            "idNumber" => JsonString(["079190001234", "001190000001"]),
            "phone" => JsonString(["0987654321"]),
            "channel" => JsonString(["Desk", "Postal"]),
            _ => null,
        };
        if (likely is not null) return Gen.Frequency((10, likely), (1, Hostile()));
        if (schema.TryGetProperty("enum", out var members))
        {
            var names = members.EnumerateArray().Select(m => m.GetRawText()).ToArray();
            good = Gen.Frequency((4, Gen.Elements(names)), (1, Gen.Elements("99", "-1", "\"KhongCo\"", "1")));
        }
        else
        {
            var type = Types(schema);
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (type.Contains("array"))
            {
                var item = schema.TryGetProperty("items", out var items) ? Value(items, schemas, values, depth + 1) : Hostile();
                good = Gen.Frequency(
                    (5, Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(item, n)).Select(list => "[" + string.Join(",", list) + "]")),
                    (1, item.Select(one => "[" + string.Join(",", Enumerable.Repeat(one, 1_000)) + "]")));
            }
            else if (type.Contains("object") || schema.TryGetProperty("properties", out _))
                good = ObjectOf(schema, schemas, values, depth);
            else if (format == "uuid")
                good = Gen.Frequency((5, Gen.Elements(values.Ids).Select(g => $"\"{g}\"")), (1, Gen.Elements("\"abc\"", "\"00000000-0000-0000-0000-00000000000g\"")));
            else if (format == "date-time") good = JsonString(Instants);
            else if (format == "date") good = JsonString(Days);
            else if (type.Contains("integer") || type.Contains("number")) good = Gen.Frequency((2, Gen.Elements("1", "2", "20000")), (1, Gen.Elements(Numbers)));
            else if (type.Contains("boolean")) good = Gen.Elements("true", "false");
            else if (type.Contains("string")) good = Gen.Frequency((3, JsonString(Benign)), (2, JsonString(Texts)));
            else good = Hostile();
        }
        return Gen.Frequency((12, good), (1, Hostile()));
    }

    private static HashSet<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet()
        : [type.GetString()!];

    private static Gen<string> ObjectOf(JsonElement schema, JsonElement schemas, Values values, int depth)
    {
        if (!schema.TryGetProperty("properties", out var properties)) return Gen.Elements("{}", "{\"x\":\"y\"}");
        var fields = properties.EnumerateObject().Select(p =>
            Gen.Frequency(
                (12, Value(p.Value, schemas, values, depth + 1, p.Name).Select(v => $"{JsonSerializer.Serialize(p.Name)}:{v}")),
                (1, Gen.Constant(""))))
            .ToArray();
        return Sequence(fields).Select(parts => "{" + string.Join(",", parts.Where(p => p.Length > 0)) + "}");
    }

    private static Gen<string[]> Sequence(IReadOnlyList<Gen<string>> gens) =>
        gens.Aggregate(Gen.Constant(Array.Empty<string>()), (acc, g) => acc.SelectMany(list => g.Select(v => list.Append(v).ToArray())));

    private static Gen<Fuzzed> RequestOf(Operation operation, JsonElement schemas, Values values)
    {
        var url = UrlOf(operation, values);
        if (!operation.Definition.TryGetProperty("requestBody", out var body))
            return url.Select(u => new Fuzzed(operation.Method, u, null, null, 0));
        var content = body.GetProperty("content");
        if (content.TryGetProperty("application/json", out var json))
        {
            var shaped = Value(json.GetProperty("schema"), schemas, values, 0);
            var broken = Gen.Elements("", "{", "{\"a\":}", "not json", "\"\\ud800\"", "{\"revision\":1,\"revision\":2}", "\u0000");
            var text = Gen.Frequency((8, shaped), (1, broken));
            return url.SelectMany(u => text.Select(t => new Fuzzed(operation.Method, u, t, null, 0)));
        }
        var formSchema = content.EnumerateObject().First().Value.GetProperty("schema");
        var names = FormFields(formSchema, schemas).ToArray();
        var field = Gen.OneOf(Gen.Elements(Texts), Gen.Elements(Numbers), Gen.Elements(values.Ids.Select(i => i.ToString()).ToArray()));
        var form = Sequence(names.Select(n => Gen.Frequency((4, field.Select(v => n + "\n" + v)), (1, Gen.Constant("")))).ToArray())
            .Select(parts => parts.Where(p => p.Length > 0).Select(p => (p[..p.IndexOf('\n')], p[(p.IndexOf('\n') + 1)..])).ToList());
        var files = Gen.Frequency((6, Gen.Choose(0, 3)), (1, Gen.Constant(60)));
        return url.SelectMany(u => form.SelectMany(f => files.Select(n => new Fuzzed(operation.Method, u, null, f, n))));
    }

    private static IEnumerable<string> FormFields(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        if (schema.TryGetProperty("properties", out var properties))
            foreach (var p in properties.EnumerateObject()) yield return p.Name;
        foreach (var key in new[] { "allOf", "anyOf", "oneOf" })
            if (schema.TryGetProperty(key, out var parts))
                foreach (var part in parts.EnumerateArray())
                foreach (var name in FormFields(part, schemas))
                    yield return name;
    }

    private static Gen<string> UrlOf(Operation operation, Values values)
    {
        var segments = System.Text.RegularExpressions.Regex.Split(operation.Path, @"(\{\w+\})");
        var parts = segments.Select(s => !s.StartsWith('{') ? Gen.Constant(s) : s switch
        {
            "{id}" => Gen.Frequency((8, Gen.Elements(values.DossierIds).Select(g => g.ToString())), (1, Gen.Elements(values.Ids).Select(g => g.ToString()))),
            "{componentId}" or "{coordinationId}" => Gen.Elements(values.ComponentIds.Concat(values.Ids).Select(g => g.ToString()).ToArray()),
            "{year}" => Gen.Elements("2026", "2027", "0", "1", "99999", "-5", "2147483647"),
            "{date}" => Gen.Elements(Days),
            _ => Gen.Elements("1.004222", "2.000815", "000.00.41.H98", "x", "%00", new string('z', 3000)),
        }).ToArray();
        var query = operation.Definition.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToArray()
            : [];
        var queryGen = Sequence(query.Select(name => Gen.Frequency(
            (3, Gen.OneOf(Gen.Elements(Numbers), Gen.Elements(Texts.Where(t => t.Length < 300).ToArray()), Gen.Elements("2026-11-17", "Late", "99", "21474838"))
                .Select(v => $"{name}={Uri.EscapeDataString(v)}")),
            (2, Gen.Constant("")))).ToArray());
        return Sequence(parts).SelectMany(p => queryGen.Select(q =>
        {
            var path = string.Concat(p.Select(s => s.StartsWith('/') || s.Length == 0 ? s : Uri.EscapeDataString(s)));
            var qs = string.Join("&", q.Where(x => x.Length > 0));
            return qs.Length == 0 ? path : $"{path}?{qs}";
        }));
    }
}
