using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Bench;

/// <summary>Asks the database how it runs the exact SQL a case sent: SQLite's <c>EXPLAIN QUERY PLAN</c>,
/// PostgreSQL's <c>EXPLAIN (ANALYZE, BUFFERS)</c>. Only commands that read the Dossiers table are explained
/// (the unit tree, the calendar and the procedure names are small lookups), or every command with <c>all</c>.</summary>
internal static class Plans
{
    public static async Task<string> ExplainAsync(AppDbContext db, IEnumerable<CommandCapture.Command> commands, bool all = false)
    {
        var sb = new StringBuilder();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            foreach (var command in commands.Where(c => all || c.Sql.Contains("FROM \"Dossiers\"", StringComparison.Ordinal)).DistinctBy(c => c.Sql))
            {
                sb.AppendLine("SQL:");
                sb.AppendLine(Indent(command.Sql));
                if (command.Parameters.Count > 0)
                    sb.AppendLine("Parameters: " + string.Join(", ", command.Parameters.Select(p => $"{p.Name}={Show(p.Value)}")));
                sb.AppendLine("Plan:");
                sb.AppendLine(Indent(db.Database.IsSqlite() ? await SqliteAsync(connection, command) : await PostgresAsync(connection, command)));
                sb.AppendLine();
            }
        }
        finally
        {
            await connection.CloseAsync();
        }
        return sb.ToString();
    }

    private static DbCommand Prepare(DbConnection connection, CommandCapture.Command command, string prefix)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = prefix + command.Sql;
        cmd.CommandTimeout = 600;
        foreach (var p in command.Parameters)
        {
            var copy = cmd.CreateParameter();
            copy.ParameterName = p.Name;
            copy.Value = p.Value ?? DBNull.Value;
            if (p.Value is not Array) copy.DbType = p.DbType;
            cmd.Parameters.Add(copy);
        }
        return cmd;
    }

    /// <summary>EXPLAIN QUERY PLAN rows (id, parent, detail) drawn as the sqlite3 shell draws them.</summary>
    private static async Task<string> SqliteAsync(DbConnection connection, CommandCapture.Command command)
    {
        await using var cmd = Prepare(connection, command, "EXPLAIN QUERY PLAN ");
        var rows = new List<(long Id, long Parent, string Detail)>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(3)));
        var depth = new Dictionary<long, int> { [0] = -1 };
        var sb = new StringBuilder();
        foreach (var (id, parent, detail) in rows)
        {
            depth[id] = depth.GetValueOrDefault(parent, -1) + 1;
            sb.Append(' ', depth[id] * 3).Append("-- ").AppendLine(detail);
        }
        return sb.ToString().TrimEnd();
    }

    private static async Task<string> PostgresAsync(DbConnection connection, CommandCapture.Command command)
    {
        await using var cmd = Prepare(connection, command, "EXPLAIN (ANALYZE, BUFFERS) ");
        var sb = new StringBuilder();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) sb.AppendLine(reader.GetString(0));
        return sb.ToString().TrimEnd();
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "    " + l.TrimEnd('\r')));

    private static string Show(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => $"'{s}'",
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        Array a => "{" + string.Join(",", a.Cast<object?>().Select(Show)) + "}",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
