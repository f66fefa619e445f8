using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Infrastructure;

/// <summary>Concurrent writers on one database (docs/adr/0035c): on SQLite they queue in the process instead of
/// sleeping in the busy handler; on PostgreSQL the same receptions run as before. The database is the tests' file
/// database (WAL), never :memory:. Outcomes are asserted, not durations: the timings are only printed.</summary>
public sealed class SqliteWriterQueueTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Writers = 8;
    private const int Rounds = 5;

    private static object Reception(string idNumber) => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = "Phạm Văn Đồng Thời", idNumber, phone = "0912 345 678" },
        components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
    };

    private static HttpRequestMessage Post(object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers/desk") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static int NumberOf(string code) => int.Parse(code[(code.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

    [Fact]
    public async Task EightDeskReceptionsAtOnce_SeveralRounds_AllReceivedWithDistinctGaplessCodes()
    {
        var world = await app.SeedWorldAsync();
        var desks = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => app.ClientAsAsync("desk")));
        var before = await CodesTakenTodayAsync(world.CommuneCode);
        var codes = new List<string>();
        var failures = new List<string>();
        var slowest = new List<double>();
        var total = Stopwatch.StartNew();

        for (var round = 0; round < Rounds; round++)
        {
            var answers = await Task.WhenAll(desks.Select(async (desk, i) =>
            {
                var watch = Stopwatch.StartNew();
                var response = await desk.SendAsync(Post(Reception($"0791900{round:D2}{i:D3}"), Guid.NewGuid().ToString()), Ct);
                return (Response: response, Body: await response.Content.ReadAsStringAsync(Ct), watch.Elapsed);
            }));
            slowest.Add(answers.Max(a => a.Elapsed).TotalMilliseconds);
            foreach (var (response, body, _) in answers)
            {
                if (response.StatusCode != HttpStatusCode.Created) failures.Add($"{(int)response.StatusCode}: {body}");
                else codes.Add(System.Text.Json.JsonSerializer.Deserialize<ReceiveInPerson.Response>(body, TestJson.Options)!.Code);
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{app.Database.Provider}: {codes.Count} received, {failures.Count} failed in {total.ElapsedMilliseconds} ms; slowest answer of each round " +
            string.Join(", ", slowest.Select(ms => $"{ms:0} ms")));

        failures.ShouldBeEmpty();
        codes.Count.ShouldBe(Writers * Rounds);
        codes.Distinct().Count().ShouldBe(codes.Count);
        // Gapless: the numbers of the day continue exactly from where the other tests of this class left them.
        codes.Select(NumberOf).Order().ShouldBe(Enumerable.Range(before + 1, Writers * Rounds));
        (await CodesTakenTodayAsync(world.CommuneCode)).ShouldBe(before + Writers * Rounds);
    }

    private Task<int> CodesTakenTodayAsync(string agencyCode) =>
        app.WithDbAsync(db => db.Set<DossierCodeCounter>().Where(c => c.AgencyCode == agencyCode).Select(c => c.LastNumber).SingleOrDefaultAsync(Ct));

    private string DataSource => new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;

    private void SkipUnlessSqlite() =>
        Assert.SkipUnless(app.Database.Provider == DatabaseProvider.Sqlite, "The writer queue is SQLite's; PostgreSQL locks rows and has none.");

    /// <summary>A context outside the app's services, with a queue whose wait is short: a gate left taken shows as
    /// <see cref="WriterQueueTimeoutException"/> instead of a test that hangs.</summary>
    private AppDbContext Context(SqliteSingleWriter queue)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        MotCua.Web.Infrastructure.Database.Configure(builder, app.Database.Provider, app.Database.ConnectionString,
            MotCua.Web.Infrastructure.Database.MigrationsAssembly(app.Database.Provider), queue);
        return new AppDbContext(builder.Options);
    }

    private static DossierCodeCounter Counter(string agency) => new() { AgencyCode = agency, Day = new DateOnly(2026, 1, 1), LastNumber = 1 };

    /// <summary>The app's own writers (its job runner) take the gate too, for a few milliseconds at a time: a gate left
    /// taken by a failure is one that never comes free.</summary>
    private async Task<bool> ComesFreeAsync()
    {
        if (app.Database.Provider != DatabaseProvider.Sqlite) return true;
        var watch = Stopwatch.StartNew();
        while (!SqliteSingleWriter.IsFree(DataSource))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20)) return false;
            await Task.Delay(20, Ct);
        }
        return true;
    }

    [Fact]
    public async Task RefusedReceptionFailedSaveAndException_EachLeaveTheQueueFree()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var queue = new SqliteSingleWriter(TimeSpan.FromSeconds(20));

        // Refused before any write (a missing paper): 422, nothing left taken.
        var refused = await desk.SendAsync(Post(new { procedureCode = "1.004222", applicant = new { kind = "Person", fullName = "Ngô Bị Từ Chối", idNumber = "079190099001" },
            components = Array.Empty<object>() }), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ComesFreeAsync()).ShouldBeTrue();

        // A save that fails in its transaction (the primary key taken), implicit and explicit.
        await using (var db = Context(queue))
        {
            db.Add(Counter("QUEUE-FAIL"));
            await db.SaveChangesAsync(Ct);
            queue.Holds(db.Database.GetDbConnection()).ShouldBeFalse();
        }
        await using (var db = Context(queue))
        {
            db.Add(Counter("QUEUE-FAIL"));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            queue.Holds(db.Database.GetDbConnection()).ShouldBeFalse();
        }
        await using (var db = Context(queue))
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.Add(Counter("QUEUE-FAIL"));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            await tx.RollbackAsync(Ct);
            queue.Holds(db.Database.GetDbConnection()).ShouldBeFalse();
        }

        // An exception with the transaction open: disposed, never committed nor rolled back by the code.
        System.Data.Common.DbConnection? thrownWith = null;
        await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var db = Context(queue);
            thrownWith = db.Database.GetDbConnection();
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.Add(Counter("QUEUE-THROWN"));
            await db.SaveChangesAsync(Ct);
            if (app.Database.Provider == DatabaseProvider.Sqlite) queue.Holds(thrownWith).ShouldBeTrue();
            throw new InvalidOperationException("thrown with the transaction open");
        });
        queue.Holds(thrownWith!).ShouldBeFalse();
        (await ComesFreeAsync()).ShouldBeTrue();
        (await app.WithDbAsync(db => db.Set<DossierCodeCounter>().AnyAsync(c => c.AgencyCode == "QUEUE-THROWN", Ct))).ShouldBeFalse();

        // And the next writers go in: a gate left taken would end them in WriterQueueTimeoutException.
        await using (var db = Context(queue))
        {
            db.Add(Counter("QUEUE-NEXT"));
            await db.SaveChangesAsync(Ct);
        }
        (await desk.SendAsync(Post(Reception("079190099002")), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task InsideItsTransaction_AContextWritesAgainAndAgain_WithoutWaitingForItself()
    {
        await app.SeedWorldAsync();
        var queue = new SqliteSingleWriter(TimeSpan.FromSeconds(20));
        await using var db = Context(queue);
        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Add(Counter("QUEUE-NESTED"));
            await db.SaveChangesAsync(Ct);
            await db.Set<DossierCodeCounter>().Where(c => c.AgencyCode == "QUEUE-NESTED").ExecuteUpdateAsync(u => u.SetProperty(c => c.LastNumber, 5), Ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"DossierCodeCounters\" SET \"LastNumber\" = \"LastNumber\" + 1 WHERE \"AgencyCode\" = 'QUEUE-NESTED'", Ct);
            await tx.CommitAsync(Ct);
        }
        // Outside a transaction: a statement of its own, then a save, each taking and leaving the queue.
        await db.Set<DossierCodeCounter>().Where(c => c.AgencyCode == "QUEUE-NESTED").ExecuteUpdateAsync(u => u.SetProperty(c => c.LastNumber, c => c.LastNumber + 1), Ct);
        db.Add(Counter("QUEUE-NESTED-2"));
        await db.SaveChangesAsync(Ct);

        (await app.WithDbAsync(d => d.Set<DossierCodeCounter>().Where(c => c.AgencyCode == "QUEUE-NESTED").Select(c => c.LastNumber).SingleAsync(Ct))).ShouldBe(7);
        queue.Holds(db.Database.GetDbConnection()).ShouldBeFalse();
    }

    [Fact]
    public async Task AWriterThatWaitsPastTheBound_GetsAVietnameseErrorAndSavesNothing_ThenGoesInOnceTheFirstEnds()
    {
        SkipUnlessSqlite();
        await app.SeedWorldAsync();
        // Two contexts of one flow, as a feature opening a context of its own inside another's transaction would be:
        // the second waits for the first, up to its bound, and never hangs.
        await using var first = Context(new SqliteSingleWriter(TimeSpan.FromSeconds(20)));
        await using var second = Context(new SqliteSingleWriter(TimeSpan.FromMilliseconds(300)));
        var tx = await first.Database.BeginTransactionAsync(Ct);
        first.Add(Counter("QUEUE-FIRST"));
        await first.SaveChangesAsync(Ct);

        second.Add(Counter("QUEUE-SECOND"));
        var waited = await Should.ThrowAsync<WriterQueueTimeoutException>(() => second.SaveChangesAsync(Ct));
        waited.Message.ShouldStartWith("Hệ thống đang bận ghi dữ liệu");
        var problem = UserProblem.Of(waited)!;
        (problem.Status, problem.Title).ShouldBe((503, "Hệ thống đang bận"));

        (await app.WithDbAsync(d => d.Set<DossierCodeCounter>().AnyAsync(c => c.AgencyCode == "QUEUE-SECOND", Ct))).ShouldBeFalse();

        await tx.CommitAsync(Ct);
        await tx.DisposeAsync();
        await using var third = Context(new SqliteSingleWriter(TimeSpan.FromSeconds(20)));
        third.Add(Counter("QUEUE-SECOND"));
        await third.SaveChangesAsync(Ct);
        (await app.WithDbAsync(d => d.Set<DossierCodeCounter>().CountAsync(c => c.AgencyCode.StartsWith("QUEUE-FIRST") || c.AgencyCode == "QUEUE-SECOND", Ct))).ShouldBe(2);
    }

    /// <summary>WAL, so that readers run beside the writer; synchronous FULL, so that a commit acknowledged is on disk
    /// (NORMAL would lose the last commits on a power cut; docs/adr/0035c).</summary>
    [Fact]
    public async Task TheSqliteDatabase_IsInWalModeWithFullSynchronousCommits()
    {
        SkipUnlessSqlite();
        await app.SeedWorldAsync();
        var (journal, synchronous, busy) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(Ct);
            try
            {
                return (await Pragma(db, "journal_mode"), await Pragma(db, "synchronous"), await Pragma(db, "busy_timeout"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        TestContext.Current.TestOutputHelper?.WriteLine($"journal_mode={journal} synchronous={synchronous} busy_timeout={busy}");
        journal.ShouldBe("wal");
        synchronous.ShouldBe("2");
    }

    private static async Task<string> Pragma(AppDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture)!;
    }
}
