using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Infrastructure;

/// <summary>What one desk reception sends to the database (docs/adr/0035c): the statements are printed, and the
/// transaction holds only the writes, the code counter first, so that writers are serialised for the insert itself.</summary>
public sealed class DeskReceptionStatementsTests(DeskReceptionStatementsTests.LoggedApp app) : IClassFixture<DeskReceptionStatementsTests.LoggedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app with every command and transaction of a desk reception request written down.</summary>
    public sealed class LoggedApp : AppFactory
    {
        public SqlLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<AppDbContext>((sp, o) =>
            {
                Log.Http = sp.GetRequiredService<IHttpContextAccessor>();
                o.AddInterceptors(Log);
            }));
        }
    }

    public sealed class SqlLog : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly List<string> _entries = [];
        internal IHttpContextAccessor? Http { get; set; }

        public IReadOnlyList<string> Entries { get { lock (_entries) return [.. _entries]; } }
        public void Clear() { lock (_entries) _entries.Clear(); }

        /// <summary>Only the desk reception's own requests: the job runner's polling runs meanwhile.</summary>
        private void Add(string entry)
        {
            if (Http?.HttpContext?.Request.Path.Value != "/api/dossiers/desk") return;
            lock (_entries) _entries.Add(entry);
        }

        public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) { Add(command.CommandText); return result; }
        public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) { Add(command.CommandText); return ValueTask.FromResult(result); }
        public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) { Add(command.CommandText); return result; }
        public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) { Add(command.CommandText); return ValueTask.FromResult(result); }
        public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) { Add(command.CommandText); return result; }
        public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) { Add(command.CommandText); return ValueTask.FromResult(result); }
        public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) { Add("BEGIN"); return result; }
        public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) { Add("BEGIN"); return ValueTask.FromResult(result); }
        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Add("COMMIT");
        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) { Add("COMMIT"); return Task.CompletedTask; }
    }

    private static object Reception(string idNumber) => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = "Đỗ Văn Đếm", idNumber, phone = "0912 345 678" },
        components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
    };

    /// <summary>The verb of a command: EF sends one statement a command on SQLite and PostgreSQL alike here.</summary>
    private static string Verb(string command) => command.TrimStart().Split(' ', '\n')[0].ToUpperInvariant();

    [Fact]
    public async Task OneDeskReception_ReadsBeforeItsTransaction_AndTheTransactionOnlyWrites()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        // The first reception of a process fills its caches (the calendar); the one measured is a later one.
        (await desk.PostAsJsonAsync("/api/dossiers/desk", Reception("079190098001"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Log.Clear();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk") { Content = JsonContent.Create(Reception("079190098002")) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        (await desk.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var log = app.Log.Entries;
        var begin = log.ToList().IndexOf("BEGIN");
        var commit = log.ToList().IndexOf("COMMIT");
        var commands = log.Where(e => e is not ("BEGIN" or "COMMIT")).ToList();
        var inside = log.Skip(begin + 1).Take(commit - begin - 1).ToList();
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{app.Database.Provider}: {commands.Count} commands, {begin} reads before the transaction, " +
                          $"{inside.Count} commands in it (+ BEGIN and COMMIT)");
        foreach (var entry in log) output?.WriteLine("---\n" + entry);

        begin.ShouldBeGreaterThanOrEqualTo(0);
        commit.ShouldBeGreaterThan(begin);
        log.Count(e => e == "BEGIN").ShouldBe(1);
        // The code counter is taken first in the transaction, then the rows are inserted; nothing is read while the
        // database's writer is held.
        inside[0].ShouldContain("\"DossierCodeCounters\"");
        inside.Select(Verb).ShouldAllBe(verb => verb == "INSERT");
        // Before it: the idempotency key, the procedure's current version, the receiving desk and its commune (the
        // competent body, not read again); the calendar comes from its cache.
        log.Take(begin).Select(Verb).ShouldAllBe(verb => verb == "SELECT");
        begin.ShouldBeLessThanOrEqualTo(4);
    }
}
