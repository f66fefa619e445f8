using System.Net;
using System.Net.Http.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Units;

public sealed class UnitTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Since = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Merger = new(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("000.00.00.H61", true)]
    [InlineData("000.00.31.H99", true)]
    [InlineData("G01.01.02.G12", true)]
    [InlineData("000.00.00.61", false)]
    [InlineData("000.00.H61", false)]
    [InlineData("0000.00.00.H61", false)]
    [InlineData("000-00-00-H61", false)]
    [InlineData("", false)]
    public void AgencyCode_FollowsQcvn102(string code, bool valid) => AgencyCode.IsValid(code).ShouldBe(valid);

    [Fact]
    public void AgencyCode_Invalid_IsRefusedInVietnamese() =>
        Should.Throw<DomainException>(() => new Unit(Guid.NewGuid(), "Xã A", UnitKind.Commune, null, "H61", Since))
            .Message.ShouldContain("không đúng định dạng QCVN 102");

    [Fact]
    public void ReissueAgencyCode_AfterMerger_KeepsTheOldCodeInTheHistory()
    {
        var unit = new Unit(Guid.NewGuid(), "Phường Trần Biên", UnitKind.Ward, null, "000.20.21.H99", Since);
        unit.ReissueAgencyCode("000.00.31.h99", Merger, "Nghị quyết sắp xếp 2025");

        unit.AgencyCode.ShouldBe("000.00.31.H99");
        unit.CodeHistory.Select(c => (c.Code, c.ValidFromUtc, c.ValidToUtc)).ShouldBe(
            [("000.20.21.H99", Since, (DateTime?)Merger), ("000.00.31.H99", Merger, null)]);
        Should.Throw<DomainException>(() => unit.ReissueAgencyCode("000.00.32.H99", Merger.AddDays(-1), null))
            .Message.ShouldContain("phải sau ngày hiệu lực");
    }

    [Fact]
    public async Task ByCode_WithAnOldCode_FindsTheUnitThatHeldIt()
    {
        await app.SeedWorldAsync();
        var unit = new Unit(Guid.NewGuid(), "Xã Sáp Nhập", UnitKind.Commune, null, "000.18.22.H98", Since);
        unit.ReissueAgencyCode("000.00.43.H98", Merger, "Nghị quyết 2025");
        await app.WithDbAsync(async db => { db.Units.Add(unit); await db.SaveChangesAsync(); });
        var client = app.CreateClient();

        var old = await client.GetFromJsonAsync<ListUnits.UnitView>("/api/units/by-code/000.18.22.H98", TestJson.Options, TestContext.Current.CancellationToken);
        (old!.Id, old.AgencyCode, old.CodeHistory.Count).ShouldBe((unit.Id, "000.00.43.H98", 2));

        var all = await client.GetFromJsonAsync<List<ListUnits.UnitView>>("/api/units", TestJson.Options, TestContext.Current.CancellationToken);
        all!.ShouldContain(u => u.Name == "Phường Một" && u.Kind == UnitKind.Ward && u.AgencyCode == "000.00.41.H98");
        (await client.GetAsync("/api/units/by-code/000.99.99.H98", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
