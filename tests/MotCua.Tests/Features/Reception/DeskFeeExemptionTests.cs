using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;

namespace MotCua.Tests.Features.Reception;

/// <summary>An exemption granted at the desk: the fee is computed by the same rules, the exemption needs its evidence,
/// the reception's history keeps who granted which group and why, and Form 01 shows the fee lines and the exemption.</summary>
public sealed class DeskFeeExemptionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Reception(string idNumber, string[]? groups, string? reason) => new
    {
        procedureCode = "1.004222",
        applicant = new { kind = "Person", fullName = "Nguyễn Thị Miễn", idNumber, phone = "0912 345 678", exemptionGroups = groups },
        components = new[] { new { requirementCode = "TK" }, new { requirementCode = "CHO_O" } },
        exemptionReason = reason,
    };

    private Task<List<Dossier>> DossiersOfAsync(string idNumber) =>
        app.WithDbAsync(db => db.Dossiers.AsNoTracking().Include(d => d.History).Where(d => d.Applicant.IdNumber == idNumber).ToListAsync(Ct));

    [Fact]
    public async Task AnExemptionWithItsEvidence_IsGranted_RecordedInTheHistory_AndPrintedOnForm01()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var response = await desk.PostAsJsonAsync("/api/dossiers/desk",
            Reception("079190007001", ["meritorious-person"], "Giấy chứng nhận người có công số 12/GCN, đã đối chiếu bản chính"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var dossier = (await DossiersOfAsync("079190007001")).ShouldHaveSingleItem();
        dossier.FeesOwed.ShouldBe(0);
        var fee = dossier.Fees.ShouldHaveSingleItem();
        (fee.Exempted, fee.Amount, fee.Explanation).ShouldBe((true, 0L, "Miễn: Người có công với cách mạng và thân nhân"));
        var reception = dossier.History.ShouldHaveSingleItem();
        reception.Kind.ShouldBe(DossierEventKind.Receive);
        reception.ActorRole.ShouldBe("Cán bộ một cửa");
        reception.Reason.ShouldBe("Miễn Lệ phí đăng ký thường trú — đối tượng: Người có công với cách mạng và thân nhân; " +
                                  "căn cứ: Giấy chứng nhận người có công số 12/GCN, đã đối chiếu bản chính");

        var office = await OfficeClient.SignInAsync(app, "desk");
        var form = await office.GetPageAsync($"/office/forms/01/{dossier.Id}");
        var fees = form.QuerySelector(".receipt-fees")!;
        fees.QuerySelectorAll("tbody tr").Select(r => r.TextContent.Trim()).ShouldHaveSingleItem().ShouldContain("Lệ phí đăng ký thường trú (Lệ phí)");
        fees.QuerySelector("tbody td.num")!.TextContent.ShouldBe("Miễn");
        fees.QuerySelector(".fee-total")!.TextContent.ShouldBe("0 ₫");
        fees.QuerySelector(".fee-exemption")!.TextContent.ShouldContain("căn cứ: Giấy chứng nhận người có công số 12/GCN");
    }

    [Fact]
    public async Task Form01_ListsTheChargedFeeLinesAndTotal()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", Reception("079190007003", null, null), Ct);
        var id = (await response.Content.ReadFromJsonAsync<ReceiveInPerson.Response>(Ct))!.Id;

        var office = await OfficeClient.SignInAsync(app, "desk");
        var fees = (await office.GetPageAsync($"/office/forms/01/{id}")).QuerySelector(".receipt-fees")!;

        fees.QuerySelector("tbody tr")!.TextContent.ShouldContain("20.000 ₫ × 1 hồ sơ");
        fees.QuerySelector(".fee-total")!.TextContent.ShouldBe("20.000 ₫");
        fees.QuerySelector(".fee-exemption").ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task AnExemptionWithoutEvidence_Is422_AndReceivesNothing(string? reason)
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");
        var idNumber = reason is null ? "079190007002" : "079190007004";

        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", Reception(idNumber, ["meritorious-person"], reason), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Chưa nhập căn cứ miễn phí, lệ phí");
        (await DossiersOfAsync(idNumber)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnUnknownExemptionGroup_Is422()
    {
        await app.SeedWorldAsync();
        var desk = await app.ClientAsAsync("desk");

        var response = await desk.PostAsJsonAsync("/api/dossiers/desk", Reception("079190007005", ["vip"], "Thẻ VIP"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Không có đối tượng miễn phí, lệ phí");
        (await DossiersOfAsync("079190007005")).ShouldBeEmpty();
    }
}
