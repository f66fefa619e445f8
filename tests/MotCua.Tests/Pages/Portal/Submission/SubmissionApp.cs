using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Tests.Pages.Portal.Submission;

/// <summary>The app with a 1 MB upload limit (so that an oversize file is small to make) and, beside the shared test
/// world, the procedures and accounts the submission journeys need.</summary>
public sealed class SubmissionApp : AppFactory
{
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Residence registration with an e-form that has one field of every type.</summary>
    public const string WithEForm = "9.100001";
    /// <summary>A procedure without online service.</summary>
    public const string DeskOnly = "9.100002";
    /// <summary>The same residence registration and e-form as <see cref="WithEForm"/>, whose declaration ("TK") is made
    /// from the e-form online (<see cref="ComponentRequirement.FilledByEForm"/>). <see cref="WithEForm"/> keeps the
    /// declaration as an upload, so that both paths stay covered.</summary>
    public const string EFormIsTheDeclaration = "9.100004";

    public const string OtherCitizenPhone = "0909000111";
    public const string OtherCitizenIdNumber = "001195000111";

    private readonly SemaphoreSlim _arrange = new(1, 1);
    private TestData.World? _world;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Uploads:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static IReadOnlyList<EFormField> Fields() =>
    [
        new("lyDo", "Lý do đăng ký thường trú", EFormFieldType.Text, Required: true, MaxLength: 100),
        new("ngayChuyenDen", "Ngày chuyển đến", EFormFieldType.Date, Required: true),
        new("soNguoi", "Số người trong hộ", EFormFieldType.Number),
        new("cccdChuHo", "Số định danh cá nhân của chủ hộ", EFormFieldType.PersonalIdNumber, Pattern: "^[0-9]{12}$"),
        new("dienThoaiChuHo", "Số điện thoại của chủ hộ", EFormFieldType.Phone),
        new("thuChuHo", "Thư điện tử của chủ hộ", EFormFieldType.Email),
        new("quanHe", "Quan hệ với chủ hộ", EFormFieldType.Select, Required: true, Options: ["Con", "Vợ", "Chồng", "Người thuê nhà"]),
        new("ghiChu", "Ghi chú", EFormFieldType.MultilineText, MaxLength: 500, Help: "Thông tin khác cần báo cho cơ quan đăng ký cư trú"),
        new("chuHoDongY", "Chủ hộ đồng ý cho đăng ký", EFormFieldType.Checkbox, Required: true),
    ];

    /// <summary>The shared world plus this app's procedures and a second citizen; made once per app.</summary>
    public async Task<TestData.World> ArrangeAsync()
    {
        var world = await this.SeedWorldAsync();
        await _arrange.WaitAsync();
        try
        {
            if (_world is not null) return _world;
            await WithDbAsync(async db =>
            {
                var since = new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc);
                var withForm = new Procedure(Guid.NewGuid(), WithEForm);
                withForm.Publish(TestData.Residence() with { Name = "Đăng ký thường trú (khai trực tuyến)", FormFields = Fields() }, since, "Quyết định thử nghiệm");
                var deskOnly = new Procedure(Guid.NewGuid(), DeskOnly);
                deskOnly.Publish(TestData.Certification() with
                {
                    Name = "Chứng thực chữ ký", OnlineLevel = OnlineLevel.None, PartialOnlineReason = null,
                }, since, "Quyết định thử nghiệm");
                var declaredOnline = new Procedure(Guid.NewGuid(), EFormIsTheDeclaration);
                declaredOnline.Publish(TestData.Residence() with
                {
                    Name = "Đăng ký thường trú (tờ khai điện tử)", FormFields = Fields(),
                    Components = [.. TestData.Residence().Components.Select(c => c.Code == "TK" ? c with { FilledByEForm = true } : c)],
                }, since, "Quyết định thử nghiệm");
                db.Procedures.AddRange(withForm, deskOnly, declaredOnline);
                await db.SaveChangesAsync();
            });
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var other = new Citizen
            {
                Id = Guid.NewGuid(), UserName = OtherCitizenIdNumber, FullName = "Lê Văn Khác", PersonalIdNumber = OtherCitizenIdNumber,
                PhoneNumber = OtherCitizenPhone,
            };
            (await users.CreateAsync(other, TestData.Password)).Succeeded.ShouldBeTrue();
            return _world = world;
        }
        finally
        {
            _arrange.Release();
        }
    }

    /// <summary>What the hosted loop does on each tick, once.</summary>
    public Task<JobRunSummary> RunJobsAsync() => Services.GetRequiredService<JobRunner>().RunDueAsync(TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _arrange.Dispose();
        GC.SuppressFinalize(this);
    }
}
