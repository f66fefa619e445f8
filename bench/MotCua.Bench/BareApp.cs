using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MotCua.Bench;

/// <summary>
/// The baseline of the load runs: a bare ASP.NET Core app on the same database, doing with ADO.NET the least that
/// each measured request must do. Its figures are the machine's limit for that request, and MotCua's are printed as
/// a share of them.
/// <code>MotCua.Bench bare-app --provider sqlite|postgres --connection CS --urls http://127.0.0.1:PORT</code>
/// <list type="bullet">
/// <item><c>GET /bare/{code}</c>: one indexed read of the dossier by its code (the lookup's unavoidable query), as JSON.</item>
/// <item><c>POST /bare/receive?template={id}</c>: the rows one desk reception writes, inserted raw in one transaction:
/// the day's number taken with the app's own counter statement, then a copy of every row of the template dossier
/// (the dossier, and every row of every table with a <c>DossierId</c>) with new ids and the new code. The template
/// is a dossier the app itself received in the same run, so the rows are the same rows.</item>
/// </list>
/// </summary>
internal static class BareApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
        var postgres = options["provider"] == "postgres";
        var connection = options["connection"];
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options["urls"]);
        await using var source = (DbDataSource)( postgres ? NpgsqlDataSource.Create(connection) : SqliteFactory.Instance.CreateDataSource(connection));
        var app = builder.Build();
        var templates = new Dictionary<Guid, Template>();
        var gate = new SemaphoreSlim(1);

        app.MapGet("/bare/{code}", async (string code, CancellationToken ct) =>
        {
            await using var command = source.CreateCommand("""SELECT "Id", "Code", "Status", "ReceivedAtUtc", "DueAtUtc" FROM "Dossiers" WHERE "Code" = @code""");
            command.Parameters.Add(Parameter(command, "code", code));
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return Results.NotFound();
            return Results.Ok(new
            {
                id = reader.GetValue(0).ToString(), code = reader.GetString(1), status = reader.GetValue(2).ToString(),
                receivedAtUtc = reader.IsDBNull(3) ? null : reader.GetValue(3).ToString(),
                dueAtUtc = reader.IsDBNull(4) ? null : reader.GetValue(4).ToString(),
            });
        });

        app.MapPost("/bare/receive", async (Guid template, CancellationToken ct) =>
        {
            Template? t;
            await gate.WaitAsync(ct);
            try
            {
                if (!templates.TryGetValue(template, out t)) templates[template] = t = await Template.ReadAsync(source, postgres, template, ct);
            }
            finally
            {
                gate.Release();
            }
            var code = await t.InsertCopyAsync(source, ct);
            return Results.Created($"/bare/{code}", new { code });
        });

        await app.RunAsync();
        return 0;
    }

    private static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        return p;
    }

    /// <summary>The rows of one received dossier, read once, and how to write a copy of them.</summary>
    private sealed class Template
    {
        private readonly List<(string Table, string[] Columns, object?[] Values, string[] Casts)> _rows = [];
        private readonly HashSet<object> _ids = [];
        private string _agencyCode = "";
        private bool _postgres;

        public static async Task<Template> ReadAsync(DbDataSource source, bool postgres, Guid dossierId, CancellationToken ct)
        {
            var t = new Template { _postgres = postgres };
            await using var connection = await source.OpenConnectionAsync(ct);
            // Which tables hold rows of a dossier, and the type of every column (PostgreSQL needs json cast back).
            var columns = new Dictionary<string, Dictionary<string, string>>();
            var list = connection.CreateCommand();
            list.CommandText = postgres
                ? "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'"
                : "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";
            await using (var reader = await list.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    if (!columns.TryGetValue(reader.GetString(0), out var table)) columns[reader.GetString(0)] = table = [];
                    table[reader.GetString(1)] = reader.GetString(2);
                }
            var key = postgres ? (object)dossierId : dossierId.ToString().ToUpperInvariant();
            foreach (var (table, types) in columns.Where(c => c.Key == "Dossiers" || c.Value.ContainsKey("DossierId")).OrderBy(c => c.Key == "Dossiers" ? 0 : 1))
            {
                var select = connection.CreateCommand();
                select.CommandText = $"""SELECT * FROM "{table}" WHERE "{(table == "Dossiers" ? "Id" : "DossierId")}" = @id""";
                select.Parameters.Add(Parameter(select, "id", key));
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var names = new List<string>();
                    var values = new List<object?>();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                        // An integer key is the database's own sequence: left for it to give.
                        if (reader.GetName(i) == "Id" && value is int or long) continue;
                        if (reader.GetName(i) == "Id" && value is not null) t._ids.Add(value);
                        names.Add(reader.GetName(i));
                        values.Add(value);
                    }
                    var casts = names.Select(n => postgres && types.GetValueOrDefault(n) is "jsonb" or "json" ? "::" + types[n] : "").ToArray();
                    t._rows.Add((table, [.. names], [.. values], casts));
                }
            }
            if (t._rows.Count == 0 || t._rows[0].Table != "Dossiers") throw new InvalidOperationException($"No dossier {dossierId}");
            var code = (string)t._rows[0].Values[Array.IndexOf(t._rows[0].Columns, "Code")]!;
            t._agencyCode = code[..code.IndexOf('-', StringComparison.Ordinal)];
            return t;
        }

        public async Task<string> InsertCopyAsync(DbDataSource source, CancellationToken ct)
        {
            var fresh = _ids.ToDictionary(id => id, id => id is Guid ? (object)Guid.NewGuid() : Guid.NewGuid().ToString().ToUpperInvariant());
            await using var connection = await source.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var now = DateTime.UtcNow;
            var day = DateOnly.FromDateTime(now.AddHours(7));
            // The app's own counter statement (Features/Dossiers/DossierCode.cs).
            var counter = connection.CreateCommand();
            counter.Transaction = tx;
            counter.CommandText = """
                INSERT INTO "DossierCodeCounters" ("AgencyCode", "Day", "LastNumber") VALUES (@agency, @day, 1)
                ON CONFLICT ("AgencyCode", "Day") DO UPDATE SET "LastNumber" = "DossierCodeCounters"."LastNumber" + 1
                RETURNING "LastNumber"
                """;
            counter.Parameters.Add(Parameter(counter, "agency", _agencyCode));
            counter.Parameters.Add(Parameter(counter, "day", _postgres ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            var number = Convert.ToInt32(await counter.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            var code = $"{_agencyCode}-{day:yyMMdd}-{number:D4}";
            foreach (var (table, columns, values, casts) in _rows)
            {
                var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}{casts[i]}"))})""";
                for (var i = 0; i < columns.Length; i++)
                {
                    var value = values[i] is { } v && fresh.TryGetValue(v, out var id) ? id
                        : table == "Dossiers" && columns[i] == "Code" ? code
                        : values[i];
                    insert.Parameters.Add(Parameter(insert, $"p{i}", value));
                }
                await insert.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            return code;
        }
    }
}
