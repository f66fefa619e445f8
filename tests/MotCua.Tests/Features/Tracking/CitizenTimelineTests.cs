using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Tracking;

namespace MotCua.Tests.Features.Tracking;

public sealed class CitizenTimelineTests
{
    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn V. A.")]
    [InlineData("Đặng Thị Ánh   Tuyết", "Đặng T. Á. T.")]
    [InlineData("Lan", "L.")]
    public void MaskName_OfAPerson_KeepsTheFamilyNameAndInitials(string fullName, string masked) =>
        CitizenTimeline.MaskName(fullName, ApplicantKind.Person).ShouldBe(masked);

    [Fact]
    public void MaskName_OfAnOrganisation_KeepsItsRegisteredName() =>
        CitizenTimeline.MaskName("Công ty TNHH Một Cửa", ApplicantKind.Organisation).ShouldBe("Công ty TNHH Một Cửa");

    [Fact]
    public void PublicWords_OfEveryKindTheDossierRecords_AreFixedPhrases()
    {
        foreach (var kind in Enum.GetValues<DossierEventKind>())
            CitizenTimeline.PublicWords(kind).ShouldNotBe("Cập nhật hồ sơ", kind.ToString());
        CitizenTimeline.PublicWords((DossierEventKind)999).ShouldBe("Cập nhật hồ sơ");
    }
}
