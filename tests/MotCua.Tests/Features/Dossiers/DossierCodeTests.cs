using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Dossiers;

public sealed class DossierCodeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void Format_PadsTheSequenceToFourDigitsAndGrowsPastThem()
    {
        DossierCodeGenerator.Format("000.00.00.H61", new DateOnly(2025, 10, 15), 7).ShouldBe("000.00.00.H61-251015-0007");
        DossierCodeGenerator.Format("000.00.00.H61", new DateOnly(2025, 10, 15), 12345).ShouldBe("000.00.00.H61-251015-12345");
    }

    [Fact]
    public void LookupCode_IsEightUnambiguousCharacters()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => DossierCodeGenerator.NewLookupCode()).ToList();
        codes.ShouldAllBe(c => c.Length == 8 && c.All(ch => "ABCDEFGHJKMNPQRSTUVWXYZ23456789".Contains(ch)));
        codes.Distinct().Count().ShouldBeGreaterThan(195);
    }

    /// <summary>Many receptions at the same instant, each on its own connection (as several app nodes would be):
    /// every one succeeds, and the codes of the day are 0001..N with no duplicate and no gap.</summary>
    [Fact]
    public async Task ReceiveInPerson_ManyAtTheSameInstant_GetUniqueContiguousCodes()
    {
        var world = await app.SeedWorldAsync();
        var desk = await app.WithDbAsync(db => db.Officials.SingleAsync(o => o.UserName == "desk"));
        var actor = new Actor(desk.Id, desk.FullName, "Cán bộ một cửa", world.DeskId, "Trung tâm");
        const int count = 40;
        var day = new DateOnly(2026, 11, 17);
        var before = await app.WithDbAsync(db => db.DossierCodeCounters.Where(c => c.AgencyCode == world.CommuneCode && c.Day == day).Select(c => (int?)c.LastNumber).SingleOrDefaultAsync()) ?? 0;

        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<ReceiveInPerson.Handler>();
            var request = new ReceiveInPerson.Request("1.004222",
                new ApplicantInput(ApplicantKind.Person, $"Người nộp {i}", $"0790950{i:D5}", null, null, null),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")]);
            return (await handler.HandleAsync(request, actor, TestContext.Current.CancellationToken)).Code!;
        })).ToList();
        var codes = await Task.WhenAll(tasks);

        var expected = Enumerable.Range(before + 1, count).Select(n => $"{world.CommuneCode}-261117-{n:D4}").ToList();
        codes.Order().ShouldBe(expected);
        var stored = await app.WithDbAsync(db => db.Dossiers.Where(d => expected.Contains(d.Code!)).Select(d => d.Code!).ToListAsync());
        stored.Order().ShouldBe(expected);
        var counter = await app.WithDbAsync(db => db.DossierCodeCounters.SingleAsync(c => c.AgencyCode == world.CommuneCode && c.Day == day));
        counter.LastNumber.ShouldBe(before + count);
    }

    [Fact]
    public async Task ReceiveInPerson_WhenTheReceptionFails_GivesItsNumberBack()
    {
        var world = await app.SeedWorldAsync();
        var actor = new Actor(Guid.NewGuid(), "Cán bộ", "Cán bộ một cửa", world.DeskId, "Trung tâm");
        var day = new DateOnly(2026, 11, 17);
        var before = await app.WithDbAsync(db => db.DossierCodeCounters.Where(c => c.AgencyCode == world.CommuneCode && c.Day == day).Select(c => (int?)c.LastNumber).SingleOrDefaultAsync()) ?? 0;

        // The applicant is invalid: the domain refuses after the number was taken inside the transaction.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var codes = scope.ServiceProvider.GetRequiredService<DossierCodeGenerator>();
            await using var tx = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            (await codes.NextAsync(world.CommuneCode, TestClock.Vn(2026, 11, 17, 9), TestContext.Current.CancellationToken))
                .ShouldBe($"{world.CommuneCode}-261117-{before + 1:D4}");
            await tx.RollbackAsync(TestContext.Current.CancellationToken);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetRequiredService<ReceiveInPerson.Handler>();
            var dossier = await handler.HandleAsync(new ReceiveInPerson.Request("1.004222",
                new ApplicantInput(ApplicantKind.Person, "Lê Văn Tám", "079095000008", null, null, null),
                [new ComponentInput("TK"), new ComponentInput("CHO_O")]), actor, TestContext.Current.CancellationToken);
            dossier.Code.ShouldBe($"{world.CommuneCode}-261117-{before + 1:D4}");
        }
    }
}
