using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Infrastructure;

/// <summary>Builders for test data, written through the app's own domain types.</summary>
public static class TestData
{
    public const string Password = "Test@12345";
    public const string ProvinceCode = "000.00.00.H98";

    public sealed record World(
        Guid ProvinceId, Guid CommuneId, Guid DeskId, Guid JusticeId, Guid OtherCommuneId,
        string CommuneCode, string OtherCommuneCode)
    {
        /// <summary>The portal account "citizen" (sign in with <see cref="CitizenPhone"/> or <see cref="CitizenEmail"/>).</summary>
        public Guid CitizenId { get; init; }
        /// <summary>A community digital team member ("helper"), who may submit for others.</summary>
        public Guid HelperId { get; init; }
    }

    public const string CitizenName = "Nguyễn Thị Dân";
    public const string CitizenIdNumber = "001190000001";
    public const string CitizenPhone = "0901234567";
    public const string CitizenEmail = "dan@example.vn";
    public const string HelperName = "Trần Văn Hỗ Trợ";
    public const string HelperPhone = "0907654321";

    public static ProcedureContent Certification() => new()
    {
        Name = "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        FieldCode = "CT",
        FieldName = "Chứng thực",
        CompetentAuthority = "Ủy ban nhân dân cấp xã",
        OnlineLevel = OnlineLevel.Partial,
        PartialOnlineReason = "Người yêu cầu phải xuất trình bản chính để đối chiếu.",
        LegalTime = LegalTime.SameDay,
        Cutoff = new TimeOnly(15, 0),
        ResultName = "Bản sao được chứng thực từ bản chính",
        Components =
        [
            new ComponentRequirement("BAN_CHINH", "Bản chính giấy tờ, văn bản", ComponentForm.OriginalToShow),
            new ComponentRequirement("BAN_SAO", "Bản sao cần chứng thực", ComponentForm.Copy),
        ],
        Fees =
        [
            new FeeItem("LP_CT", "Lệ phí chứng thực bản sao từ bản chính", FeeKind.Fee, FeeBasis.PerPage, 2000,
                PageTiers: [new PageTier(1, 2000), new PageTier(3, 1000)], CapPerCopy: 200_000),
        ],
        Workflow =
        [
            new WorkflowStep(1, "Tiếp nhận hồ sơ", OfficialRole.DeskOfficial, WorkflowStepPlace.OneStopDesk, LegalTime.Hours(1)),
            new WorkflowStep(2, "Thẩm định, trình ký", OfficialRole.Specialist, WorkflowStepPlace.Department, LegalTime.Hours(3)),
            new WorkflowStep(3, "Ký chứng thực", OfficialRole.Leader, WorkflowStepPlace.Leadership, LegalTime.Hours(2)),
            new WorkflowStep(4, "Vào sổ, đóng dấu, trả kết quả", OfficialRole.Clerk, WorkflowStepPlace.Clerk, LegalTime.Hours(1)),
        ],
    };

    public static ProcedureContent Residence() => new()
    {
        Name = "Đăng ký thường trú",
        FieldCode = "CU",
        FieldName = "Cư trú",
        CompetentAuthority = "Công an cấp xã",
        OnlineLevel = OnlineLevel.Full,
        EligibleForFullOnline = true,
        LegalTime = LegalTime.Days(7),
        ResultName = "Thông báo kết quả đăng ký thường trú",
        ResultType = ResultType.Electronic,
        Components =
        [
            new ComponentRequirement("TK", "Tờ khai thay đổi thông tin cư trú (CT01)", ComponentForm.Original, SampleFormFile: "CT01.docx"),
            new ComponentRequirement("CHO_O", "Giấy tờ chứng minh chỗ ở hợp pháp", ComponentForm.Copy, ReplacedByPopulationData: true),
            new ComponentRequirement("UQ", "Văn bản ủy quyền", ComponentForm.Original, Optional: true),
        ],
        Fees =
        [
            new FeeItem("LP_TT", "Lệ phí đăng ký thường trú", FeeKind.Fee, FeeBasis.PerCase, 20_000, OnlineAmount: 10_000,
                ExemptGroups: [ExemptionGroups.ChildUnder16, ExemptionGroups.MeritoriousPerson]),
        ],
        Workflow =
        [
            new WorkflowStep(1, "Tiếp nhận, chuyển hồ sơ", OfficialRole.DeskOfficial, WorkflowStepPlace.OneStopDesk, LegalTime.Days(0.5m)),
            new WorkflowStep(2, "Thẩm định, xác minh", OfficialRole.Specialist, WorkflowStepPlace.Department, LegalTime.Days(5)),
            new WorkflowStep(3, "Phê duyệt", OfficialRole.Leader, WorkflowStepPlace.Leadership, LegalTime.Days(1)),
            new WorkflowStep(4, "Cập nhật, trả kết quả", OfficialRole.Clerk, WorkflowStepPlace.Clerk, LegalTime.Days(0.5m)),
        ],
    };

    /// <summary>A province with two communes, a desk and a department in the first, officials of every role
    /// (user names: desk, desk.other, specialist, leader, clerk, stats, admin), and two procedures
    /// (2.000815 certification, same day; 1.004222 residence, 7 days).</summary>
    public static async Task<World> SeedWorldAsync(this AppFactory app)
    {
        // Tests of one class share the app and its database: the world is made once.
        await app.SeedLock.WaitAsync();
        try
        {
            return app.World ??= await CreateWorldAsync(app);
        }
        finally
        {
            app.SeedLock.Release();
        }
    }

    private static async Task<World> CreateWorldAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await IdentitySetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());

        var since = new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc);
        var province = new Unit(Guid.NewGuid(), "Tỉnh Thử Nghiệm", UnitKind.Province, null, ProvinceCode, since);
        var commune = new Unit(Guid.NewGuid(), "Phường Một", UnitKind.Ward, province.Id, "000.00.41.H98", since);
        var desk = new Unit(Guid.NewGuid(), "Trung tâm Phục vụ hành chính công phường Một", UnitKind.PublicServiceCenter, commune.Id, "000.01.41.H98", since);
        var justice = new Unit(Guid.NewGuid(), "Văn phòng HĐND và UBND phường Một", UnitKind.Department, commune.Id, "000.02.41.H98", since);
        var other = new Unit(Guid.NewGuid(), "Xã Hai", UnitKind.Commune, province.Id, "000.00.42.H98", since);
        db.Units.AddRange(province, commune, desk, justice, other);

        var procedures = new[] { ("2.000815", Certification()), ("1.004222", Residence()) };
        foreach (var (code, content) in procedures)
        {
            var procedure = new Procedure(Guid.NewGuid(), code);
            procedure.Publish(content, since, "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
        }
        await db.SaveChangesAsync();

        foreach (var (userName, role, unitId) in new[]
                 {
                     ("desk", OfficialRole.DeskOfficial, desk.Id), ("desk.other", OfficialRole.DeskOfficial, other.Id),
                     ("specialist", OfficialRole.Specialist, justice.Id), ("leader", OfficialRole.Leader, commune.Id),
                     ("clerk", OfficialRole.Clerk, justice.Id), ("stats", OfficialRole.StatisticsOffice, commune.Id),
                     ("admin", OfficialRole.Administrator, province.Id),
                 })
        {
            var official = new Official { Id = Guid.NewGuid(), UserName = userName, FullName = "Cán bộ " + userName, UnitId = unitId };
            (await users.CreateAsync(official, Password)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(official, role.ToString())).Succeeded.ShouldBeTrue();
        }
        var citizen = new Citizen
        {
            Id = Guid.NewGuid(), UserName = CitizenIdNumber, FullName = CitizenName, PersonalIdNumber = CitizenIdNumber,
            PhoneNumber = CitizenPhone, Email = CitizenEmail, EmailConfirmed = true, Address = "Số 1 đường Một, phường Một",
        };
        (await users.CreateAsync(citizen, Password)).Succeeded.ShouldBeTrue();
        var helper = new Citizen
        {
            Id = Guid.NewGuid(), UserName = "001090000002", FullName = HelperName, PersonalIdNumber = "001090000002", PhoneNumber = HelperPhone,
        };
        (await users.CreateAsync(helper, Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(helper, IdentitySetup.CommunityDigitalTeamRole)).Succeeded.ShouldBeTrue();
        return new World(province.Id, commune.Id, desk.Id, justice.Id, other.Id, commune.AgencyCode, other.AgencyCode)
        {
            CitizenId = citizen.Id, HelperId = helper.Id,
        };
    }
}
