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
        var slowest = TimeSpan.Zero;

        for (var round = 0; round < Rounds; round++)
        {
            var answers = await Task.WhenAll(desks.Select(async (desk, i) =>
            {
                var watch = Stopwatch.StartNew();
                var response = await desk.SendAsync(Post(Reception($"0791900{round:D2}{i:D3}"), Guid.NewGuid().ToString()), Ct);
                return (Response: response, Body: await response.Content.ReadAsStringAsync(Ct), watch.Elapsed);
            }));
            foreach (var (response, body, elapsed) in answers)
            {
                if (elapsed > slowest) slowest = elapsed;
                if (response.StatusCode != HttpStatusCode.Created) failures.Add($"{(int)response.StatusCode}: {body}");
                else codes.Add(System.Text.Json.JsonSerializer.Deserialize<ReceiveInPerson.Response>(body, TestJson.Options)!.Code);
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{app.Database.Provider}: {codes.Count} received, {failures.Count} failed, slowest answer {slowest.TotalMilliseconds:0} ms");

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
    /// <see cref="WriterQueueTimeoutException"/> within a second instead of a test that hangs.</summary>
    private AppDbContext Context(TimeSpan? wait = null)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        MotCua.Web.Infrastructure.Database.Configure(builder, app.Database.Provider, app.Database.ConnectionString,
            MotCua.Web.Infrastructure.Database.MigrationsAssembly(app.Database.Provider), new SqliteSingleWriter(wait ?? TimeSpan.FromSeconds(2)));
        return new AppDbContext(builder.Options);
    }

    private static DossierCodeCounter Counter(string agency) => new() { AgencyCode = agency, Day = new DateOnly(2026, 1, 1), LastNumber = 1 };

    [Fact]
    public async Task RefusedReceptionFailedSaveAndException_EachLeaveTheQueueFree()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        // Refused before any write (a missing paper): 422, nothing taken.
        var refused = await desk.SendAsync(Post(new { procedureCode = "1.004222", applicant = new { kind = "Person", fullName = "Ngô Bị Từ Chối", idNumber = "079190099001" },
            components = Array.Empty<object>() }), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        if (app.Database.Provider == DatabaseProvider.Sqlite) SqliteSingleWriter.IsFree(DataSource).ShouldBeTrue();

        // A save that fails in its transaction (the primary key taken), implicit and explicit.
        await using (var db = Context())
        {
            db.Add(Counter("QUEUE-FAIL"));
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = Context())
        {
            db.Add(Counter("QUEUE-FAIL"));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            if (app.Database.Provider == DatabaseProvider.Sqlite) SqliteSingleWriter.IsFree(DataSource).ShouldBeTrue();
        }
        await using (var db = Context())
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.Add(Counter("QUEUE-FAIL"));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            await tx.RollbackAsync(Ct);
            if (app.Database.Provider == DatabaseProvider.Sqlite) SqliteSingleWriter.IsFree(DataSource).ShouldBeTrue();
        }

        // An exception with the transaction open: disposed, never committed nor rolled back by the code.
        await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var db = Context();
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.Add(Counter("QUEUE-THROWN"));
            await db.SaveChangesAsync(Ct);
            throw new InvalidOperationException("thrown with the transaction open");
        });
        if (app.Database.Provider == DatabaseProvider.Sqlite) SqliteSingleWriter.IsFree(DataSource).ShouldBeTrue();
        (await app.WithDbAsync(db => db.Set<DossierCodeCounter>().AnyAsync(c => c.AgencyCode == "QUEUE-THROWN", Ct))).ShouldBeFalse();

        // And the next writer goes straight in: a short wait would end in WriterQueueTimeoutException if anything were left taken.
        await using (var db = Context(TimeSpan.FromSeconds(1)))
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
        await using var db = Context(TimeSpan.FromSeconds(1));
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
        if (app.Database.Provider == DatabaseProvider.Sqlite) SqliteSingleWriter.IsFree(DataSource).ShouldBeTrue();
    }

    [Fact]
    public async Task AWriterThatWaitsPastTheBound_GetsAVietnameseErrorAndSavesNothing_ThenGoesInOnceTheFirstEnds()
    {
        SkipUnlessSqlite();
        await app.SeedWorldAsync();
        await using var first = Context();
        await using var second = Context(TimeSpan.FromMilliseconds(300));
        var tx = await first.Database.BeginTransactionAsync(Ct);
        first.Add(Counter("QUEUE-FIRST"));
        await first.SaveChangesAsync(Ct);

        second.Add(Counter("QUEUE-SECOND"));
        var waited = await Should.ThrowAsync<WriterQueueTimeoutException>(() => second.SaveChangesAsync(Ct));
        waited.Message.ShouldStartWith("Hệ thống đang bận ghi dữ liệu");
        var problem = UserProblem.Of(waited)!;
        (problem.Status, problem.Title).ShouldBe((503, "Hệ thống đang bận"));

        await tx.CommitAsync(Ct);
        await tx.DisposeAsync();
        await second.SaveChangesAsync(Ct);
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
