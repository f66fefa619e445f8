using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Features.Notifications;

public sealed class NotificationTemplatesTests
{
    /// <summary>The longest code in use: Circular 04/2025's format for national centralized systems.</summary>
    private static readonly double[] ExpectedMinutes = [1, 2, 4, 8, 10, 10];

    private const string LongCode = "M01.001.03-261117-AA000123";

    public static TheoryData<string, DossierStatus> Triggers() => new()
    {
        { nameof(DossierAction.Submit), DossierStatus.Submitted },
        { nameof(DossierAction.Receive), DossierStatus.Received },
        { nameof(DossierAction.Refuse), DossierStatus.Refused },
        { nameof(DossierAction.RequestSupplement), DossierStatus.SupplementRequested },
        { nameof(DossierAction.AnswerSupplement), DossierStatus.InProgress },
        { nameof(DossierAction.StartProcessing), DossierStatus.InProgress },
        { nameof(DossierAction.RequestFinancialObligation), DossierStatus.AwaitingFinancialObligation },
        { nameof(DossierAction.FulfilFinancialObligation), DossierStatus.InProgress },
        { nameof(DossierAction.Decide), DossierStatus.Decided },
        { nameof(DossierAction.ReturnResult), DossierStatus.Returned },
        { nameof(DossierAction.Withdraw), DossierStatus.Withdrawn },
        { nameof(DossierAction.Stop), DossierStatus.Stopped },
        { NotificationTemplates.ApologizeTrigger, DossierStatus.InProgress },
    };

    private static NotificationFacts Facts(string trigger, DossierStatus status, ApplicantKind kind = ApplicantKind.Person) => new(
        trigger, status, LongCode, "ABCD2345", "Đăng ký thường trú", kind == ApplicantKind.Person ? "Phạm Văn Dân" : "Công ty TNHH Một Cửa",
        kind, TestClock.Vn(2026, 11, 24, 17, 0), TestClock.Vn(2026, 11, 20, 17, 0), "Thiếu bản sao giấy tờ chỗ ở", ["Hợp đồng thuê nhà"], "UBND phường Một");

    private static NotificationOptions Options(bool unaccented = true, string? lookupUrl = "https://dichvucong.thunghiem.gov.vn/tra-cuu-ho-so") => new()
    {
        LookupUrl = lookupUrl is null ? null : new Uri(lookupUrl),
        Sms = new SmsOptions { Unaccented = unaccented },
    };

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Sms_WithoutDiacritics_FitsOneMessageWithTheCodeAndLookupCode(string trigger, DossierStatus status)
    {
        var sms = NotificationTemplates.Render(Facts(trigger, status), Options()).Sms;

        SmsText.IsGsm7(sms).ShouldBeTrue(sms);
        SmsText.Segments(sms).ShouldBe(1, sms);
        sms.ShouldContain(LongCode);
        sms.ShouldContain("ABCD2345");
        sms.ShouldNotContain("{");
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Email_SaysTheStatusInWords_AndHowToFollowTheDossier(string trigger, DossierStatus status)
    {
        var text = NotificationTemplates.Render(Facts(trigger, status), Options());

        text.EmailSubject.ShouldStartWith($"Hồ sơ {LongCode}: ");
        text.EmailBody.ShouldStartWith("Kính gửi Ông/Bà Phạm Văn Dân,\n\n");
        text.EmailBody.ShouldContain($"Trạng thái: {status.DisplayName()}\n");
        text.EmailBody.ShouldContain("mã tra cứu ABCD2345");
        text.EmailBody.ShouldContain("Trân trọng,\nUBND phường Một");
    }

    [Fact]
    public void Return_PointsToWhereRatingHappens_TheAccountsDossiersOrTheLinkSentBeside_NeverTheLookupPage()
    {
        var withAccount = NotificationTemplates.Render(Facts(nameof(DossierAction.ReturnResult), DossierStatus.Returned) with { HasAccount = true }, Options()).EmailBody;
        var withoutAccount = NotificationTemplates.Render(Facts(nameof(DossierAction.ReturnResult), DossierStatus.Returned), Options()).EmailBody;

        withAccount.ShouldContain("mời Ông/Bà đánh giá mức độ hài lòng tại mục \"Hồ sơ của tôi\" trên Cổng dịch vụ công.");
        withoutAccount.ShouldContain("mời Ông/Bà đánh giá mức độ hài lòng theo đường dẫn được gửi kèm trong thư, tin nhắn riêng.");
        withAccount.ShouldNotContain("đánh giá mức độ hài lòng trên trang tra cứu");
        withoutAccount.ShouldNotContain("đánh giá mức độ hài lòng trên trang tra cứu");
    }

    [Fact]
    public void Sms_WhenTheLookupAddressDoesNotFit_KeepsOnlyTheLookupCode()
    {
        var longUrl = "https://dichvucong.tinh-thu-nghiem-co-ten-rat-dai.gov.vn/tra-cuu-tinh-trang-giai-quyet-ho-so";
        var sms = NotificationTemplates.Render(Facts(nameof(DossierAction.RequestSupplement), DossierStatus.SupplementRequested), Options(lookupUrl: longUrl)).Sms;

        sms.ShouldEndWith(" Ma tra cuu: ABCD2345.");
        SmsText.Segments(sms).ShouldBe(1);
    }

    [Fact]
    public void Sms_WithDiacritics_IsUnicodeInSeveralParts()
    {
        var sms = NotificationTemplates.Render(Facts(nameof(DossierAction.Receive), DossierStatus.Received), Options(unaccented: false, lookupUrl: null)).Sms;

        sms.ShouldBe($"Hồ sơ {LongCode} đã được tiếp nhận, hẹn trả 17:00 24/11/2026. Mã tra cứu: ABCD2345.");
        SmsText.IsGsm7(sms).ShouldBeFalse();
        SmsText.Segments(sms).ShouldBe(2);
    }

    [Fact]
    public void Apology_GivesTheMissedAndTheNewDate()
    {
        var text = NotificationTemplates.Render(Facts(NotificationTemplates.ApologizeTrigger, DossierStatus.InProgress), Options(lookupUrl: null));

        text.EmailBody.ShouldContain("chưa được giải quyết đúng hẹn (17:00 20/11/2026)");
        text.EmailBody.ShouldContain("Ngày hẹn trả kết quả mới: 17:00 24/11/2026\nLý do chậm trễ: Thiếu bản sao giấy tờ chỗ ở\n");
        text.Sms.ShouldBe($"Xin loi Ong/Ba: ho so {LongCode} cham giai quyet, hen tra lai 17:00 24/11/2026. Ma tra cuu: ABCD2345.");
    }

    [Fact]
    public void Organisation_IsAddressedAsSuch()
    {
        var text = NotificationTemplates.Render(Facts(nameof(DossierAction.Decide), DossierStatus.Decided, ApplicantKind.Organisation), Options());

        text.EmailBody.ShouldStartWith("Kính gửi: Công ty TNHH Một Cửa,\n\nHồ sơ của Quý cơ quan, tổ chức đã được giải quyết xong.");
    }

    [Theory]
    [InlineData("Hồ sơ đã được tiếp nhận – Đăng ký “thường trú”…", "Ho so da duoc tiep nhan - Dang ky \"thuong tru\"...")]
    [InlineData("Ứng Ửu ỹ Ỵ đĐ", "Ung Uu y Y dD")]
    [InlineData("Giá 1.234.000 ₫", "Gia 1.234.000 ?")]
    public void Unaccent_LeavesOnlyTheGsmAlphabet(string text, string expected)
    {
        var folded = SmsText.Unaccent(text);

        folded.ShouldBe(expected);
        SmsText.IsGsm7(folded).ShouldBeTrue();
    }

    [Theory]
    [InlineData(160, 'a', 1)]
    [InlineData(161, 'a', 2)]
    [InlineData(306, 'a', 2)]
    [InlineData(307, 'a', 3)]
    [InlineData(70, 'ệ', 1)]
    [InlineData(71, 'ệ', 2)]
    [InlineData(80, '€', 1)]
    [InlineData(81, '€', 2)]
    public void Segments_FollowTheAlphabetsLimits(int count, char c, int segments) =>
        SmsText.Segments(new string(c, count)).ShouldBe(segments);

    [Fact]
    public void GatewayPhone_IsInternationalWithoutPlus()
    {
        HttpSmsGatewayClient.International("0912345678").ShouldBe("84912345678");
        HttpSmsGatewayClient.International("+84912345678").ShouldBe("84912345678");
    }

    [Fact]
    public void BackOff_DoublesFromTheBaseDelay_UpToTheMaximum()
    {
        var o = new JobOptions { BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(10) };

        Enumerable.Range(1, 6).Select(o.BackOff).Select(d => d.TotalMinutes).ShouldBe(ExpectedMinutes);
        o.BackOff(1000).ShouldBe(TimeSpan.FromMinutes(10));
    }
}
