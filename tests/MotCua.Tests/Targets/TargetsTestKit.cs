using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Targets;

/// <summary>Hand-built dossiers for the target metrics: received at the desk through the API (residence, two components,
/// a 20 000 đ fee), then given the channel, dates and files each case needs.</summary>
internal static class TargetsTestKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(Guid Id, Guid[] Components)> ReceiveAsync(AppFactory app, string deskUser, string idNumber)
    {
        var received = await TimelinessApiTests.ReceiveAsync(await app.ClientAsAsync(deskUser), idNumber);
        var components = await app.WithDbAsync(db => db.Dossiers.AsNoTracking().Where(d => d.Id == received.Id)
            .SelectMany(d => d.Components.OrderBy(c => c.RequirementCode).Select(c => c.Id)).ToArrayAsync(Ct));
        return (received.Id, components);
    }

    public static Task OnlineAsync(AppFactory app, Guid id, OnlineLevel level) =>
        app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Channel, Channel.Online).SetProperty(d => d.SubmissionLevel, level), Ct));

    public static Task ReceivedAtAsync(AppFactory app, Guid id, DateTime utc) =>
        app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ReceivedAtUtc, utc), Ct));

    public static Task DueAtAsync(AppFactory app, Guid id, DateTime utc) =>
        app.WithDbAsync(db => db.Dossiers.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAtUtc, utc), Ct));

    /// <summary>A scanned file for the component, as the desk's scan records it (the bytes are not needed to count).</summary>
    public static Task ScanAsync(AppFactory app, Guid id, Guid componentId) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var stored = new StoredFile(Guid.CreateVersion7(), "scan.pdf", "application/pdf", 1, new string('0', 64), "test/" + Guid.NewGuid().ToString("N"), now);
        db.StoredFiles.Add(stored);
        var dossier = await db.Dossiers.Include(d => d.Components).SingleAsync(d => d.Id == id, Ct);
        dossier.AttachComponentFile(componentId, stored.Id, "scan.pdf", true, await DeskActorAsync(db), now);
        await db.SaveChangesAsync(Ct);
    });

    private static async Task<Actor> DeskActorAsync(AppDbContext db)
    {
        var desk = await db.Officials.SingleAsync(o => o.UserName == "desk", Ct);
        return new Actor(desk.Id, desk.FullName, "Cán bộ một cửa", desk.UnitId, null);
    }

    /// <summary>Through the domain, as the desk official would mark it.</summary>
    public static Task ReuseAsync(AppFactory app, Guid id, Guid componentId) => app.WithDbAsync(async db =>
    {
        var dossier = await db.Dossiers.Include(d => d.Components).SingleAsync(d => d.Id == id, Ct);
        dossier.MarkComponentReused(componentId, true, null, await DeskActorAsync(db), app.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(Ct);
    });

    /// <summary>Paid on the national portal (recorded through the domain: the desk's API takes desk payments only).</summary>
    public static Task PayOnlineAsync(AppFactory app, Guid id, long amount) => app.WithDbAsync(async db =>
    {
        var dossier = await db.Dossiers.SingleAsync(d => d.Id == id, Ct);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        dossier.RecordPayment(amount, PaymentMethod.NationalPortal, "GD-" + id.ToString("N")[..8], now,
            await DeskActorAsync(db), now);
        await db.SaveChangesAsync(Ct);
    });

    public static Task NoFeesAsync(AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"DossierFees\" SET \"Amount\" = 0 WHERE \"DossierId\" = {id}", Ct));

    public static async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(TestJson.Options, Ct))!;
    }

    public static async Task<T> PostAsync<T>(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(TestJson.Options, Ct))!;
    }
}
