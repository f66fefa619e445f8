using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Bench;

/// <summary>One thing the office does, timed as a request: a fresh scope, the signed-in official, the app's handler.
/// <paramref name="Run"/> returns how many rows came back (a sanity check printed beside the times).</summary>
internal sealed record Case(string Name, string UserName, Func<IServiceProvider, int, Task<int>> Run)
{
    public ClaimsPrincipal? User { get; set; }
}

/// <summary>Values taken from the data set itself, so that every search finds something whatever N is.</summary>
internal sealed record Samples(Guid CommuneId, string AgencyCode, int InScope, IReadOnlyList<Guid> DossierIds, string Code, string Phone, string ProvinceCode, int Year);

internal static class Cases
{
    /// <summary>Demo accounts of the first demo commune (Phường Trần Biên): the desk, its leader and a specialist.</summary>
    public const string Desk = "motcua.tranbien";
    public const string Leader = "lanhdao.tranbien";
    public const string Specialist = "chuyenvien.tranbien";
    /// <summary>The demo administrator, an official of the province (the root unit).</summary>
    public const string Province = "admin";

    public static List<Case> All(Samples s) =>
    [
        List("AwaitingReception", Desk, new(DossierList.AwaitingReception)),
        List("MyActions (leader)", Leader, new(DossierList.MyActions)),
        List("MyActions (desk)", Desk, new(DossierList.MyActions)),
        List("Mine (specialist)", Specialist, new(DossierList.Mine)),
        List("DueSoon", Desk, new(DossierList.DueSoon)),
        List("Late", Desk, new(DossierList.Late)),
        List("ToReturn", Desk, new(DossierList.ToReturn)),
        List("All (page 1)", Desk, new(DossierList.All)),
        List("All (page 50)", Desk, new(DossierList.All, Page: 50)),
        List("Search: code prefix (one day)", Desk, new(DossierList.All, Q: s.Code[..20])),
        List("Search: full code", Desk, new(DossierList.All, Q: s.Code)),
        List("Search: name 'nguyen thi lan'", Desk, new(DossierList.All, Q: "nguyen thi lan")),
        List("Search: name 'nguyen' (broad)", Desk, new(DossierList.All, Q: "nguyen")),
        List("Search: phone", Desk, new(DossierList.All, Q: s.Phone)),
        new("GetDossier (dossier page)", Desk, async (services, i) =>
            await services.GetRequiredService<GetDossier.Handler>().HandleAsync(s.DossierIds[i % s.DossierIds.Count], CancellationToken.None) is { } view
                ? 1 + view.History.Count
                : throw new InvalidOperationException("A sampled dossier was not found.")),
        // The 766 scorecard of the whole province for the calendar year of the data set's last dossier, as the
        // province's administrator asks for it: every dossier of the set is in scope. Returns the indicators counted.
        new("Scorecard (province, year)", Province, async (services, _) =>
            (await services.GetRequiredService<GetScorecard.Handler>().HandleAsync(s.ProvinceCode, $"{s.Year}-01-01", $"{s.Year}-12-31", CancellationToken.None))
                .Groups.Sum(g => g.Indicators.Count)),
    ];

    private static Case List(string name, string user, ListDossiers.Query query) =>
        new(name, user, async (services, _) => (await services.GetRequiredService<ListDossiers.Handler>().HandleAsync(query, CancellationToken.None)).Items.Count);

    /// <summary>Picks 50 dossiers of the first commune spread evenly over its codes (its whole period), and the code
    /// and phone of the middle one.</summary>
    public static async Task<Samples> SampleAsync(BenchApp app)
    {
        var desk = await app.OfficialAsync(Desk);
        await using var scope = app.Services.CreateAsyncScope();
        var tree = scope.ServiceProvider.GetRequiredService<UnitTree>();
        var commune = await tree.AdministrativeUnitOfAsync(desk.UnitId, CancellationToken.None);
        var agency = commune.AgencyCode;
        return await app.WithDbAsync(async db =>
        {
            var from = agency + "-";
            var to = agency + "-\uffff";
            var ofCommune = db.Dossiers.AsNoTracking().Where(d => d.Code!.CompareTo(from) >= 0 && d.Code.CompareTo(to) < 0).OrderBy(d => d.Code);
            var count = await ofCommune.CountAsync();
            if (count == 0) throw new InvalidOperationException($"No dossiers of {agency}: was the database prepared with seed-demo --dossiers N?");
            var ids = new List<Guid>();
            string? code = null, phone = null;
            for (var i = 0; i < 50; i++)
            {
                var row = await ofCommune.Skip((int)((long)count * i / 50)).Select(d => new { d.Id, d.Code, d.Applicant.Phone }).FirstAsync();
                ids.Add(row.Id);
                if (i == 25) (code, phone) = (row.Code, row.Phone);
            }
            var province = await db.Units.AsNoTracking().Where(u => u.ParentId == null).Select(u => u.AgencyCode).SingleAsync();
            var last = await db.Dossiers.AsNoTracking().MaxAsync(d => d.ReceivedAtUtc) ?? DateTime.UtcNow;
            return new Samples(commune.Id, agency, count, ids, code!, phone!, province, VietnamTime.ToLocal(last).Year);
        });
    }
}
