using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Catalog;

/// <summary><see cref="ComponentRequirement.FilledByEForm"/> in the catalog: validated with the procedure, read and
/// written by the catalog's JSON (older files without it still read), and set on the seed's declarations.</summary>
public class EFormDeclarationCatalogTests
{
    /// <summary>The seed's components made from the e-form online: every declaration or request whose content the
    /// procedure's e-form holds. 2.000927 is not among them: its request needs every party's signature.</summary>
    private static readonly (string Procedure, string Component)[] Expected =
    [
        ("1.001193", "to-khai"), ("1.000894", "to-khai"), ("1.000656", "to-khai"), ("1.004873", "to-khai"), ("1.004859", "to-khai"),
        ("1.001022", "to-khai"), ("1.004837", "to-khai"), ("1.004884", "to-khai"), ("2.000635", "to-khai"), ("1.004222", "to-khai"),
        ("1.004194", "to-khai"), ("XA.BTXH.01", "to-khai"), ("2.000986", "to-khai-lien-thong"), ("2.000908", "van-ban-yeu-cau"),
        ("2.000942", "van-ban-yeu-cau"), ("XA.HKD.01", "giay-de-nghi"), ("XA.DD.01", "don-yeu-cau"),
    ];

    private static ProcedureContent Flagged(ProcedureContent content, string code = "TK") =>
        content with { Components = [.. content.Components.Select(c => c.Code == code ? c with { FilledByEForm = true } : c)] };

    private static readonly IReadOnlyList<EFormField> Fields = [new("lyDo", "Lý do", EFormFieldType.Text, Required: true)];

    private static string Problem(ProcedureContent content) => Should.Throw<DomainException>(content.Validate).Message;

    [Fact]
    public void Validate_WhenFlaggedWithAnEFormAndOnlineService_Passes()
    {
        Should.NotThrow(() => Flagged(TestData.Residence() with { FormFields = Fields }).Validate());
    }

    [Fact]
    public void Validate_WhenFlaggedWithoutAnEForm_Refuses()
    {
        Problem(Flagged(TestData.Residence())).ShouldContain("thành phần hồ sơ được lập từ tờ khai điện tử nhưng thủ tục chưa có biểu mẫu điện tử");
    }

    [Fact]
    public void Validate_WhenFlaggedWithoutOnlineService_Refuses()
    {
        Problem(Flagged(TestData.Residence() with { FormFields = Fields, OnlineLevel = OnlineLevel.None, EligibleForFullOnline = false }))
            .ShouldContain("chỉ được lập từ tờ khai điện tử khi thủ tục có dịch vụ công trực tuyến");
    }

    [Fact]
    public void Validate_WhenAPaperOnlyShownIsFlagged_Refuses()
    {
        var content = TestData.Residence() with
        {
            FormFields = Fields,
            Components = [.. TestData.Residence().Components, new ComponentRequirement("CCCD", "Thẻ Căn cước", ComponentForm.OriginalToShow, FilledByEForm: true)],
        };
        Problem(content).ShouldContain("giấy tờ chỉ xuất trình để đối chiếu không thể được lập từ tờ khai điện tử");
    }

    [Fact]
    public void LoadSeed_WhenEmbedded_FlagsTheDeclarationsTheEFormHolds()
    {
        var flagged = SeedCatalog.Entries
            .SelectMany(e => e.Content.Components.Where(c => c.FilledByEForm).Select(c => (e.Code, c.Code)))
            .ToList();

        flagged.ShouldBe(Expected, ignoreOrder: true);
        // Every declaration ("to-khai") of a procedure offered online with an e-form is made from it.
        SeedCatalog.Entries
            .Where(e => e.Content.OnlineLevel != OnlineLevel.None && e.Content.FormFields.Count > 0)
            .SelectMany(e => e.Content.Components.Where(c => c.Code.StartsWith("to-khai", StringComparison.Ordinal)))
            .ShouldAllBe(c => c.FilledByEForm);
        SeedCatalog.Content("2.000927").Components.ShouldAllBe(c => !c.FilledByEForm);
    }

    [Fact]
    public void Read_WhenTheJsonHasNoFlag_KeepsThePaperDeclaration()
    {
        // Catalog files written before the flag existed, and the content stored with older versions, must still read.
        var file = JsonNode.Parse(CatalogJson.Write([SeedCatalog.Entries.Single(e => e.Code == "1.001193")]))!;
        foreach (var component in file[0]!["content"]!["components"]!.AsArray()) component!.AsObject().Remove("filledByEForm");
        var json = file.ToJsonString();
        json.ShouldNotContain("filledByEForm");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var read = CatalogJson.Read(stream).ShouldHaveSingleItem();
        var stored = JsonSerializer.Deserialize<ProcedureContent>(file[0]!["content"]!.ToJsonString(), CatalogJson.WriteOptions)!;

        read.Content.Components.ShouldAllBe(c => !c.FilledByEForm);
        stored.Components.ShouldAllBe(c => !c.FilledByEForm);
        stored.Components.Count.ShouldBe(SeedCatalog.Content("1.001193").Components.Count);
    }

    [Fact]
    public void Write_WhenFlagged_WritesItInCamelCaseAndReadsItBack()
    {
        var entry = new CatalogEntry("9.000001", null, Flagged(TestData.Residence() with { FormFields = Fields }));

        var json = Encoding.UTF8.GetString(CatalogJson.Write([entry]));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var read = CatalogJson.Read(stream).ShouldHaveSingleItem();

        json.ShouldContain("\"filledByEForm\": true");
        read.Content.Components.Single(c => c.Code == "TK").FilledByEForm.ShouldBeTrue();
        read.Content.Components.Where(c => c.Code != "TK").ShouldAllBe(c => !c.FilledByEForm);
    }
}
