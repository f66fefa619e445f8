using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Features.Catalog;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Units;

namespace MotCua.Tests.Pages.Portal.Catalog;

/// <summary>A small public catalog whose every list can be asserted by name: the test world's two procedures
/// (2.000815 certification, partly online; 1.004222 permanent residence, fully online) and four more published
/// through <see cref="Procedure.Publish"/>: birth registration (fully online, with a sample form), a will's
/// certification (not online), temporary residence (on the online-only pilot list) and a province-level
/// karaoke licence that communes cannot handle.</summary>
internal static class PortalCatalog
{
    public const string Certification = "Chứng thực bản sao từ bản chính giấy tờ, văn bản";
    public const string Residence = "Đăng ký thường trú";
    public const string Birth = "Đăng ký khai sinh";
    public const string Will = "Chứng thực di chúc";
    public const string TemporaryResidence = "Đăng ký tạm trú";
    public const string Karaoke = "Cấp Giấy phép kinh doanh dịch vụ karaoke";

    public const string BirthCode = "1.001193";
    public const string WillCode = "2.001019";
    public const string TemporaryResidenceCode = "1.004194";
    public const string KaraokeCode = "TEST.TINH.01";

    public static readonly string[] CommuneLevel = [Certification, Residence, Birth, Will, TemporaryResidence];

    public static ProcedureContent KaraokeLicence() => new()
    {
        Name = Karaoke,
        FieldCode = "VH",
        FieldName = "Văn hóa",
        Level = ProcedureLevel.Province,
        CompetentAuthority = "Sở Văn hóa, Thể thao và Du lịch",
        CompetentUnitKinds = [UnitKind.Province],
        OnlineLevel = OnlineLevel.Full,
        EligibleForFullOnline = true,
        LegalTime = LegalTime.Days(5),
        ResultName = "Giấy phép kinh doanh dịch vụ karaoke",
        Components = [new ComponentRequirement("don", "Đơn đề nghị cấp giấy phép", ComponentForm.Original, SampleFormFile: "don-de-nghi.docx")],
        Fees = [new FeeItem("phi-tham-dinh", "Phí thẩm định cấp giấy phép", FeeKind.Charge, FeeBasis.PerCase, 4_000_000)],
    };

    public static async Task<TestData.World> SeedAsync(AppFactory app)
    {
        var world = await app.SeedWorldAsync();
        await app.SeedLock.WaitAsync();
        try
        {
            await app.WithDbAsync(async db =>
            {
                if (await db.Procedures.AnyAsync(p => p.Code == KaraokeCode)) return;
                var since = new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc);
                foreach (var (code, content) in new[]
                         {
                             (BirthCode, SeedCatalog.Content(BirthCode)), (WillCode, SeedCatalog.Content(WillCode)),
                             (TemporaryResidenceCode, SeedCatalog.Content(TemporaryResidenceCode)), (KaraokeCode, KaraokeLicence()),
                         })
                {
                    var procedure = new Procedure(Guid.NewGuid(), code);
                    procedure.Publish(content, since, "Quyết định thử nghiệm");
                    db.Procedures.Add(procedure);
                }
                await db.SaveChangesAsync();
            });
        }
        finally
        {
            app.SeedLock.Release();
        }
        return world;
    }
}
