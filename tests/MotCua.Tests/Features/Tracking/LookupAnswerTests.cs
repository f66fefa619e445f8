using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.DemoData;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Tracking;

namespace MotCua.Tests.Features.Tracking;

/// <summary>The demo data (every status, channel, supplement, apology and result the domain makes), with a count of the
/// SQL statements the app sends.</summary>
public sealed class LookupDemoApp : AppFactory
{
    public StatementCounter Statements { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<MotCua.Web.Infrastructure.AppDbContext>(o => o.AddInterceptors(Statements)));
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await WithServiceAsync<DemoDataGenerator, string>(g => g.SeedAsync(new DemoOptions(), TestContext.Current.CancellationToken));
    }

    public sealed class StatementCounter : DbCommandInterceptor
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }
    }
}

/// <summary>The public lookup reads one projected statement (docs/adr/0035a) instead of loading the dossier with its
/// history, results and supplements; its answer must be exactly what the loaded dossier says, for every dossier.</summary>
public sealed class LookupAnswerTests(LookupDemoApp app) : IClassFixture<LookupDemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lookup_AnswersForEveryDemoDossier_WhatTheLoadedDossierSays()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var dossiers = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.History).Include(d => d.Results).Include(d => d.Supplements)
            .Where(d => d.Code != null).ToListAsync(Ct));
        var names = await app.WithDbAsync(db => db.Procedures.ToDictionaryAsync(p => p.Id, p => p.Name, Ct));
        var units = await app.WithDbAsync(db => db.Units.ToDictionaryAsync(u => u.Id, u => u.Name, Ct));
        // The comparison covers what the rewrite computes from columns rather than from the loaded dossier.
        dossiers.ShouldContain(d => d.IsLate(now));
        dossiers.ShouldContain(d => !d.IsLate(now) && d.DueAtUtc != null);
        dossiers.ShouldContain(d => d.Apology != null);
        dossiers.ShouldContain(d => d.Supplements.Any(s => s.State != SupplementState.Answered));
        dossiers.ShouldContain(d => d.Results.Count > 0);

        var anonymous = app.CreateClient();
        var none = Array.Empty<LookupDossier.TimelineStep>();
        foreach (var d in dossiers)
        {
            var answer = await anonymous.GetFromJsonAsync<LookupDossier.View>($"/api/tracking/{d.Code}?lookupCode={d.LookupCode.ToLowerInvariant()}", TestJson.Options, Ct);
            var expected = new LookupDossier.View(
                d.Code!, names[d.ProcedureId], CitizenTimeline.MaskName(d.Applicant.FullName, d.Applicant.Kind), (int)d.Status, d.Status.DisplayName(),
                d.Channel.DisplayName(), d.SubmittedAtUtc, d.ReceivedAtUtc, d.PromisedDueAtUtc, d.Apology is not null, d.IsLate(now),
                units[d.CurrentUnitId], d.Status == DossierStatus.SupplementRequested, d.Results.Count > 0, d.ReturnedAtUtc, []);
            answer.ShouldNotBeNull();
            // The timeline is compared line by line below; the records compare lists by reference.
            (answer with { Timeline = none }).ShouldBe(expected with { Timeline = none }, d.Code);
            answer.Timeline.Select(s => (s.AtUtc, s.What, s.By, s.StatusAfter)).ShouldBe(
                d.History.OrderBy(e => e.Sequence).Select(e => (e.AtUtc, CitizenTimeline.PublicWords(e.Kind),
                    e.UnitName is null ? e.ActorRole : $"{e.ActorRole}, {e.UnitName}", e.FromStatus != e.ToStatus ? e.ToStatus.DisplayName() : null)), d.Code);
        }
    }

    [Fact]
    public async Task Lookup_SendsOneStatement()
    {
        var some = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Code != null && d.History.Count > 3).Select(d => new { d.Code, d.LookupCode }).FirstAsync(Ct));
        var anonymous = app.CreateClient();
        (await anonymous.GetAsync($"/api/tracking/{some.Code}?lookupCode={some.LookupCode}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var before = app.Statements.Count;
        (await anonymous.GetAsync($"/api/tracking/{some.Code}?lookupCode={some.LookupCode}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (app.Statements.Count - before).ShouldBe(1);

        before = app.Statements.Count;
        (await anonymous.GetAsync($"/api/tracking/{some.Code}?lookupCode=ABCDEFGH", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (app.Statements.Count - before).ShouldBe(1);
    }
}
