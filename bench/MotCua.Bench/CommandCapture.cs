using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MotCua.Bench;

/// <summary>Records the SQL commands (text and parameter values) sent while <see cref="Begin"/> is in effect on
/// the current async flow, so that their plans can be asked for with exactly the SQL the app runs.</summary>
internal sealed class CommandCapture : DbCommandInterceptor
{
    public sealed record Parameter(string Name, object? Value, System.Data.DbType DbType);
    public sealed record Command(string Sql, IReadOnlyList<Parameter> Parameters);

    private readonly AsyncLocal<List<Command>?> _current = new();

    public IDisposable Begin(out List<Command> commands)
    {
        commands = [];
        _current.Value = commands;
        return new End(this);
    }

    private sealed class End(CommandCapture capture) : IDisposable
    {
        public void Dispose() => capture._current.Value = null;
    }

    private void Record(DbCommand command) =>
        _current.Value?.Add(new Command(command.CommandText,
            [.. command.Parameters.Cast<DbParameter>().Select(p => new Parameter(p.ParameterName, p.Value, p.DbType))]));

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
