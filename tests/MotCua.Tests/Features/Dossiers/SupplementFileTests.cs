using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>Papers sent on a supplement request that are none of the dossier's components.</summary>
public sealed class SupplementFileTests
{
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);

    [Fact]
    public void AttachSupplementFile_WhileARequestIsOpen_IsFiledAgainstTheRequestWithoutAComponent()
    {
        var dossier = new DossierBuilder().InProgress();
        dossier.RequestSupplement("Thiếu giấy tờ chỗ ở", ["Văn bản đồng ý của chủ nhà cho đăng ký thường trú"], DossierBuilder.Specialist, Vn(11, 18, 9));
        var revision = dossier.Revision;

        var file = dossier.AttachSupplementFile(Guid.NewGuid(), "dong-y-chu-nha.pdf", DossierBuilder.Citizen, Vn(11, 19, 9));

        (file.Purpose, file.ComponentId, file.ResultId, file.AddedAtUtc).ShouldBe((DossierFilePurpose.Supplement, (Guid?)null, (Guid?)null, Vn(11, 19, 9)));
        dossier.Files.ShouldContain(file);
        dossier.Status.ShouldBe(DossierStatus.SupplementRequested); // attaching is not answering
        dossier.Revision.ShouldBe(revision + 1);
        var entry = dossier.History[^1];
        (entry.Kind.ToString(), entry.ActorName, entry.Description).ShouldBe(("AttachFile", "Phạm Văn Dân", "Bổ sung tệp \"dong-y-chu-nha.pdf\" theo yêu cầu bổ sung lần 1"));
        dossier.SupplementRequestOf(file).ShouldBe(dossier.Supplements.Single());
    }

    [Fact]
    public void AttachSupplementFile_WithoutAnOpenRequest_IsRefused_AndNothingChanges()
    {
        var dossier = new DossierBuilder().InProgress();
        var (files, revision) = (dossier.Files.Count, dossier.Revision);

        Should.Throw<DomainException>(() => dossier.AttachSupplementFile(Guid.NewGuid(), "uy-quyen.pdf", DossierBuilder.Citizen, Vn(11, 18, 9)))
            .Message.ShouldBe("Hồ sơ không có yêu cầu bổ sung đang chờ trả lời; hãy đính kèm tệp vào thành phần hồ sơ tương ứng.");
        (dossier.Files.Count, dossier.Revision).ShouldBe((files, revision));
    }

    [Fact]
    public void AttachSupplementFile_AfterTheRequestWasAnswered_IsRefused()
    {
        var dossier = new DossierBuilder().InProgress();
        dossier.RequestSupplement("Thiếu giấy tờ", ["Giấy ủy quyền"], DossierBuilder.Specialist, Vn(11, 18, 9));
        dossier.AnswerSupplement("Đã nộp tại quầy", DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 19, 9));

        Should.Throw<DomainException>(() => dossier.AttachSupplementFile(Guid.NewGuid(), "uy-quyen.pdf", DossierBuilder.Citizen, Vn(11, 19, 10)));
        dossier.Files.ShouldNotContain(f => f.Purpose == DossierFilePurpose.Supplement);
    }
}
