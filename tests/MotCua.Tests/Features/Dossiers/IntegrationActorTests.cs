using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>A payment gateway as an integration is written against the app: a name for the history and one call per
/// notice, through the same path as officials and citizens (revision check, the aggregate's rules, one save).
/// Its own code is 9 lines (from the class line to its closing brace).</summary>
internal sealed class FakePaymentGateway(DossierActions dossiers)
{
    public static readonly Integration Vnpay = new("vnpay", "Cổng thanh toán VNPAY");

    public Task<Dossier> PaidAsync(Guid dossierId, int revision, long amount, string transaction, CancellationToken ct) =>
        dossiers.ActAsync(Vnpay, dossierId, revision, c =>
        {
            c.Dossier.RecordPayment(amount, PaymentMethod.LocalGateway, transaction, c.Now, c.Actor, c.Now);
            return Task.CompletedTask;
        }, ct);
}

/// <summary>A system actor (no user, no request) changes a dossier, and the history names it.</summary>
public sealed class IntegrationActorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DossierSummary> ReceiveAsync()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", new
        {
            procedureCode = "1.004222",
            applicant = new { kind = "Person", fullName = "Lê Văn Phúc", idNumber = "079095007711" },
            components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(TestJson.Options, Ct))!.Id;
        return await app.WithDbAsync(async db => DossierSummary.From(await db.Dossiers.SingleAsync(d => d.Id == id, Ct)));
    }

    private Task<Dossier> StoredAsync(Guid id) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).Include(d => d.Payments).SingleAsync(d => d.Id == id, Ct));

    [Fact]
    public async Task PaymentGateway_OnTheRevisionItSaw_RecordsThePaymentInItsOwnName()
    {
        var received = await ReceiveAsync();

        var paid = await app.WithServiceAsync<DossierActions, Dossier>(a => new FakePaymentGateway(a).PaidAsync(received.Id, received.Revision, 20_000, "VNP-14012345", Ct));

        paid.Revision.ShouldBe(received.Revision + 1);
        var stored = await StoredAsync(received.Id);
        stored.AmountPaid.ShouldBe(20_000);
        stored.Payments.ShouldHaveSingleItem().Method.ShouldBe(PaymentMethod.LocalGateway);
        var entry = stored.History.MaxBy(e => e.Sequence)!;
        (entry.Kind, entry.ActorName, entry.ActorRole, entry.ActorId, entry.UnitId, entry.UnitName)
            .ShouldBe((DossierEventKind.Payment, "Cổng thanh toán VNPAY", "Hệ thống", (Guid?)null, (Guid?)null, (string?)null));
        entry.Description.ShouldContain("VNP-14012345");
    }

    [Fact]
    public async Task PaymentGateway_OnAStaleRevision_IsToldWhatChangedAndChangesNothing()
    {
        var received = await ReceiveAsync();

        var refused = await Should.ThrowAsync<ChangedException>(() =>
            app.WithServiceAsync<DossierActions, Dossier>(a => new FakePaymentGateway(a).PaidAsync(received.Id, received.Revision - 1, 20_000, "VNP-14012346", Ct)));

        refused.What.ShouldBe("Hồ sơ");
        refused.Message.ShouldStartWith("Hồ sơ vừa được cập nhật sau khi bạn mở: Cán bộ desk lúc ");
        var stored = await StoredAsync(received.Id);
        (stored.Revision, stored.AmountPaid, stored.Payments.Count, stored.History.Count).ShouldBe((received.Revision, 0L, 0, received.Revision));
    }

    [Fact]
    public async Task PaymentGateway_OnADossierThatDoesNotExist_IsNotFound()
    {
        await app.SeedWorldAsync();

        var refused = await Should.ThrowAsync<NotFoundException>(() =>
            app.WithServiceAsync<DossierActions, Dossier>(a => new FakePaymentGateway(a).PaidAsync(Guid.NewGuid(), 1, 20_000, "VNP-1", Ct)));

        refused.Message.ShouldBe("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.");
    }
}
