using System.Net;
using System.Net.Http.Json;
using System.Text;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;

namespace MotCua.Tests.Features.Catalog;

/// <summary><c>GET /api/procedures/{code}</c> says, for the current version, what the 766 scorecard needs: eligible for
/// fully-online service (3.4), has fees (group 4), a paper result needing an electronic copy (3.3, 6.1, 6.2), applicants
/// who are citizens (6.7).</summary>
public sealed class ProcedureFactsTests(CatalogApp fixture) : IClassFixture<CatalogApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CatalogEntry Entry(string code, string seedCode, Func<ProcedureContent, ProcedureContent> change)
    {
        var seed = SeedCatalog.Entries.Single(e => e.Code == seedCode);
        return seed with { Code = code, Content = change(seed.Content) };
    }

    private async Task<ProcedureFacts> FactsAsync(string code)
    {
        using var response = await fixture.App.CreateClient().GetAsync(new Uri($"/api/procedures/{code}", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("\"facts\":{");
        return System.Text.Json.JsonSerializer.Deserialize<GetProcedure.Result>(body, CatalogJson.ApiOptions)!.Facts;
    }

    private async Task ImportAsync(params CatalogEntry[] entries)
    {
        using var response = await fixture.Admin.PostAsync(new Uri("/api/catalog/import", UriKind.Relative),
            new StringContent(Encoding.UTF8.GetString(CatalogJson.Write(entries)), Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Facts_FollowTheCurrentVersion()
    {
        await ImportAsync(
            Entry("FACTS.1", "2.000815", c => c with { EligibleForFullOnline = true, ResultType = ResultType.PaperDocument, ApplicantTypes = "Công dân Việt Nam" }),
            Entry("FACTS.2", "1.001193", c => c with { EligibleForFullOnline = false, OnlineLevel = OnlineLevel.Partial, PartialOnlineReason = "Phải xuất trình bản chính.",
                Fees = [], ResultType = ResultType.Electronic, ApplicantTypes = "Tổ chức, doanh nghiệp" }));

        (await FactsAsync("FACTS.1")).ShouldBe(new ProcedureFacts(EligibleForFullOnline: true, HasFees: true, PaperResultNeedsElectronicCopy: true, ApplicantsAreCitizens: true));
        (await FactsAsync("FACTS.2")).ShouldBe(new ProcedureFacts(EligibleForFullOnline: false, HasFees: false, PaperResultNeedsElectronicCopy: false, ApplicantsAreCitizens: false));

        // A new version changes the answer: the catalog states the applicants explicitly.
        await ImportAsync(Entry("FACTS.2", "1.001193", c => c with { EligibleForFullOnline = false, OnlineLevel = OnlineLevel.Partial, PartialOnlineReason = "Phải xuất trình bản chính.",
            Fees = [], ResultType = ResultType.Electronic, ApplicantTypes = "Tổ chức, doanh nghiệp", ApplicantsAreCitizens = true }));
        (await FactsAsync("FACTS.2")).ApplicantsAreCitizens.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Công dân Việt Nam cư trú trong nước", ProcedureGroup.CitizensAndOrganisations, true)]
    [InlineData("Cá nhân, tổ chức", ProcedureGroup.CitizensAndOrganisations, true)]
    [InlineData("Các bên tranh chấp đất đai (cá nhân, hộ gia đình, tổ chức)", ProcedureGroup.CitizensAndOrganisations, true)]
    [InlineData("Tổ chức, doanh nghiệp", ProcedureGroup.CitizensAndOrganisations, false)]
    [InlineData("Hợp tác xã", ProcedureGroup.CitizensAndOrganisations, false)]
    [InlineData(null, ProcedureGroup.CitizensAndOrganisations, true)]
    [InlineData("Cá nhân", ProcedureGroup.Internal, false)]
    public void ApplicantsAreCitizens_IsDerivedFromTheGroupAndThePublishedApplicants(string? applicants, ProcedureGroup group, bool expected) =>
        ProcedureFacts.ApplicantsAreCitizensOf(SeedCatalog.Content("1.001193") with { ApplicantTypes = applicants, Group = group }).ShouldBe(expected);

    [Fact]
    public void EveryProcedureOfTheSeedCatalog_HasCitizensAmongItsApplicants() =>
        SeedCatalog.Entries.Where(e => !ProcedureFacts.ApplicantsAreCitizensOf(e.Content)).Select(e => e.Code).ShouldBeEmpty();
}
