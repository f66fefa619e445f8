using System.Text;
using System.Text.Json;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Catalog;

public class SeedCatalogTests
{
    /// <summary>Only for comparing a workflow with its legal time: "trong ngày" is one working day, and a
    /// working day counts as 8 hours, as published workflows do (2 h + 3 h + 2 h + 1 h).</summary>
    private const decimal HoursPerDay = 8;

    public static TheoryData<string> Codes => new(SeedCatalog.Entries.Select(e => e.Code));

    [Fact]
    public void LoadSeed_WhenEmbedded_HasAtLeast25Procedures()
    {
        SeedCatalog.Entries.Count.ShouldBeGreaterThanOrEqualTo(25);
    }

    [Fact]
    public void LoadSeed_WhenEmbedded_CodesAreUniqueAndValid()
    {
        var codes = SeedCatalog.Entries.Select(e => e.Code).ToList();
        codes.ShouldBeUnique();
        foreach (var code in codes) ProcedureCode.Parse(code).ShouldBe(code);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Validate_WhenSeedEntry_Passes(string code)
    {
        Should.NotThrow(() => SeedCatalog.Content(code).Validate());
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Workflow_WhenSeedEntry_BudgetsAddUpToLegalTime(string code)
    {
        var content = SeedCatalog.Content(code);
        content.Workflow.ShouldNotBeEmpty();
        content.Workflow.Select(s => s.Order).ShouldBe(Enumerable.Range(1, content.Workflow.Count));
        if (content.LegalTime.Unit == LegalTimeUnit.SameDay)
        {
            content.Workflow.ShouldAllBe(s => s.Budget.Unit == LegalTimeUnit.WorkingHours);
            content.Workflow.Sum(s => s.Budget.Value).ShouldBe(HoursPerDay);
        }
        else
        {
            content.Workflow.ShouldAllBe(s => s.Budget.Unit == content.LegalTime.Unit);
            content.Workflow.Sum(s => s.Budget.Value).ShouldBe(content.LegalTime.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void OnlineLevel_WhenSeedEntry_IsConsistent(string code)
    {
        var content = SeedCatalog.Content(code);
        if (content.OnlineLevel != OnlineLevel.Full) content.PartialOnlineReason.ShouldNotBeNullOrWhiteSpace();
        content.EligibleForFullOnline.ShouldBe(content.OnlineLevel == OnlineLevel.Full);
        if (content.OnlineLevel != OnlineLevel.None) content.FormFields.ShouldNotBeEmpty();
        if (content.LegalTime.Unit == LegalTimeUnit.SameDay) content.Cutoff.ShouldBe(new TimeOnly(15, 0));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Text_WhenSeedEntry_IsNormalizedVietnamese(string code)
    {
        var content = SeedCatalog.Content(code);
        content.Name.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();
        content.ResultName.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();
        content.LegalBasis.ShouldNotBeNullOrWhiteSpace();
        content.Components.ShouldNotBeEmpty();
        content.Components.Where(c => c.SampleFormFile is not null)
            .ShouldAllBe(c => !c.SampleFormFile!.Contains('/') && !c.SampleFormFile.Contains(' '));
    }

    [Fact]
    public void LoadSeed_WhenEmbedded_MarksTwoOrThreeOnlineOnlyPilots()
    {
        var pilots = SeedCatalog.Entries.Where(e => e.Content.OnlineOnlyPilot).ToList();
        pilots.Count.ShouldBeInRange(2, 3);
        pilots.ShouldAllBe(e => e.Content.OnlineLevel == OnlineLevel.Full);
    }

    [Fact]
    public void LoadSeed_WhenEmbedded_CoversTheLiaisonProcedureWithACoordinatingUnit()
    {
        SeedCatalog.Content("2.000986").Workflow.ShouldContain(s => s.Place == WorkflowStepPlace.CoordinatingUnit);
    }

    [Fact]
    public void Write_WhenSeedIsReadBack_GivesTheSameCatalog()
    {
        var written = CatalogJson.Write(SeedCatalog.Entries);
        using var stream = new MemoryStream(written);
        var read = CatalogJson.Read(stream);
        JsonSerializer.Serialize(read, CatalogJson.ApiOptions).ShouldBe(JsonSerializer.Serialize(SeedCatalog.Entries, CatalogJson.ApiOptions));
    }

    [Fact]
    public void Read_WhenPropertyIsMisspelt_Throws()
    {
        using var stream = new MemoryStream("""[{ "code": "1.001193", "decison": "x", "content": null }]"""u8.ToArray());
        Should.Throw<JsonException>(() => CatalogJson.Read(stream));
    }

    [Fact]
    public void Read_WhenEnumIsANumber_Throws()
    {
        var json = Encoding.UTF8.GetString(CatalogJson.Write([SeedCatalog.Entries[0]])).Replace("\"onlineLevel\": \"Full\"", "\"onlineLevel\": 2", StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Should.Throw<JsonException>(() => CatalogJson.Read(stream));
    }

    [Fact]
    public void LoadSeed_WhenEmbedded_DerivesTheSearchKeyFromCodeAndName()
    {
        var procedure = new Procedure(Guid.NewGuid(), "1.001193");
        procedure.Publish(SeedCatalog.Content("1.001193"), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), null);
        procedure.SearchKey.ShouldContain(Text.SearchKey("dang ky khai sinh"));
    }
}
