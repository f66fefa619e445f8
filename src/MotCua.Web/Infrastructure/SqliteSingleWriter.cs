using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MotCua.Web.Infrastructure;

/// <summary>SQLite has one writer at a time per database file. Without this, concurrent writers of the app all send
/// BEGIN IMMEDIATE and the losers sleep in Microsoft.Data.Sqlite's busy loop (150 ms a turn) until the winner commits:
/// p99 of 1.28 s at 8 desk receptions at once, for transactions of a few milliseconds. Here the writers of this
/// process wait on one async lock per database file instead, and each enters the moment the previous one ends
/// (docs/adr/0035c).
///
/// What takes the lock, on the connection that writes: every transaction EF begins (an explicit BeginTransaction and
/// SaveChanges' own, which <see cref="SavingChanges"/> makes every save have) until it commits, rolls back or its
/// connection closes (a transaction disposed without either closes the connection EF opened for it); and a statement
/// run outside a transaction with ExecuteNonQuery (ExecuteUpdate, ExecuteDelete, raw SQL), for that statement. Reads
/// outside a transaction never wait: WAL lets them run beside the writer.
///
/// Re-entrant per connection (a SaveChanges or a statement inside the connection's transaction passes), not per async
/// flow: a second DbContext that writes while the first one's transaction is open would wait for a lock its own flow
/// holds. The code never does this (docs/adr/0035c lists the places that open a context of their own, none inside a
/// transaction), and on SQLite it never could: the first transaction already holds the file's write lock, so the
/// second writer would have failed with "database is locked" before. A wait is bounded (<see cref="Timeout"/>): it
/// ends in <see cref="WriterQueueTimeoutException"/>, with a Vietnamese message, never in a hang.
///
/// Other processes on the same file (a second node, the command line) are not queued here; SQLite's busy handling
/// (the connection's Default Timeout) still guards against them.</summary>
public sealed class SqliteSingleWriter(TimeSpan timeout)
    : IDbTransactionInterceptor, IDbConnectionInterceptor, IDbCommandInterceptor, ISaveChangesInterceptor
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>For contexts configured outside the app's services (tests, tools): the same process-wide gates.</summary>
    public static SqliteSingleWriter Default { get; } = new(DefaultTimeout);

    /// <summary>One gate per database file for the whole process, whichever queue instance or service provider asks.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The connections holding their file's gate, and whether they hold it for one statement only.</summary>
    private readonly ConditionalWeakTable<DbConnection, Hold> _holds = new();

    private sealed class Hold(SemaphoreSlim gate, bool statementOnly)
    {
        public SemaphoreSlim Gate { get; } = gate;
        public bool StatementOnly { get; } = statementOnly;
        private int _released;
        public bool TryRelease() => Interlocked.Exchange(ref _released, 1) == 0;
    }

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Whether no writer of this process holds <paramref name="dataSource"/>'s gate: a failure must leave it free.</summary>
    public static bool IsFree(string dataSource) => !Gates.TryGetValue(Key(dataSource), out var gate) || gate.CurrentCount == 1;

    private static string Key(string dataSource) => Path.GetFullPath(dataSource);

    private static SemaphoreSlim GateOf(DbConnection connection)
    {
        // DataSource is the file's path once open; a database without one (":memory:", a temporary file) is its
        // connection string's own.
        var source = connection is SqliteConnection sqlite && !string.IsNullOrEmpty(sqlite.DataSource) ? Key(sqlite.DataSource) : "memory:" + connection.ConnectionString;
        return Gates.GetOrAdd(source, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Whether <paramref name="connection"/> holds its file's gate through this instance.</summary>
    public bool Holds(DbConnection connection) => _holds.TryGetValue(connection, out _);

    private void Enter(DbConnection connection, bool statementOnly)
    {
        if (Holds(connection)) return;
        var gate = GateOf(connection);
        if (!gate.Wait(Timeout)) throw new WriterQueueTimeoutException(Timeout);
        _holds.AddOrUpdate(connection, new Hold(gate, statementOnly));
    }

    private async ValueTask EnterAsync(DbConnection connection, bool statementOnly, CancellationToken ct)
    {
        if (Holds(connection)) return;
        var gate = GateOf(connection);
        if (!await gate.WaitAsync(Timeout, ct)) throw new WriterQueueTimeoutException(Timeout);
        _holds.AddOrUpdate(connection, new Hold(gate, statementOnly));
    }

    private void Leave(DbConnection? connection, bool statementOnly = false)
    {
        if (connection is null || !_holds.TryGetValue(connection, out var hold) || (statementOnly && !hold.StatementOnly)) return;
        _holds.Remove(connection);
        if (hold.TryRelease()) hold.Gate.Release();
    }

    // Transactions: from BEGIN (IMMEDIATE, Microsoft.Data.Sqlite's default, so the file's write lock is taken at once
    // and is free: nobody else of this process holds it) to COMMIT or ROLLBACK.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection, statementOnly: false);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, statementOnly: false, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData.Context));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData.Context));
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData.Context));

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData.Context));
        return Task.CompletedTask;
    }

    /// <summary>The transaction's own connection is gone once it has ended (Microsoft.Data.Sqlite clears it); the context's is the same one.</summary>
    private static DbConnection? ConnectionOf(DbContext? db) => db?.Database.GetDbConnection();

    // A BEGIN that failed leaves no transaction to end. A failed COMMIT or ROLLBACK leaves one that its disposal rolls
    // back; the connection's closing (below) releases the gate then.
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Leave(ConnectionOf(eventData.Context));
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    // The guard for every other end: a transaction disposed without commit or rollback (an exception), or a context
    // disposed with its connection. SQLite ends an open transaction when its connection closes.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    /// <summary>EF saves a single statement without a transaction by default; here every save has one, so every save
    /// takes its turn in the queue (a single INSERT in autocommit would otherwise meet the busy handler). The BEGIN and
    /// COMMIT cost nothing measurable: SQLite wraps an autocommit statement in the same journal transaction.</summary>
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AlwaysInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AlwaysInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void AlwaysInTransaction(DbContext? db)
    {
        db?.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    // A statement outside a transaction that may write (ExecuteUpdate, ExecuteDelete, ExecuteSql): for that statement.
    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (command.Transaction is null) Enter(command.Connection!, statementOnly: true);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null) await EnterAsync(command.Connection!, statementOnly: true, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command.Connection!, statementOnly: true);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(command.Connection!, statementOnly: true);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command.Connection!, statementOnly: true);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command.Connection!, statementOnly: true);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command.Connection!, statementOnly: true);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command.Connection!, statementOnly: true);
        return Task.CompletedTask;
    }
}

/// <summary>A write waited longer than <see cref="SqliteSingleWriter.Timeout"/> for the writers before it: answered 503
/// with a message the official can act on, instead of a request that never ends.</summary>
public sealed class WriterQueueTimeoutException(TimeSpan waited)
    : Exception($"Hệ thống đang bận ghi dữ liệu: thao tác đã chờ quá {waited.TotalSeconds:0} giây mà chưa đến lượt lưu. Dữ liệu chưa được lưu; vui lòng thử lại sau ít phút.")
{
    public TimeSpan Waited { get; } = waited;
}
