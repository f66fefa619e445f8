using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Features.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Reports;

/// <summary>The app with a hand-built set of dossiers whose every report figure for November 2026 is known (listed on each
/// dossier below), built through the dossier's own operations at chosen instants; the clock stands at 03/12/2026 12:00.
/// Phường Một has 15 dossiers, Xã Hai 2; a statistics official of the province is "tinh.thong-ke".</summary>
public sealed class ReportApp : AppFactory
{
    public const string ProvinceStats = "tinh.thong-ke";
    public static DateTime Vn(int month, int day, int hour = 9, int minute = 0) => TestClock.Vn(2026, month, day, hour, minute);
    public static readonly DateTime Now = Vn(12, 3, 12);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _built;

    public async Task<ReportApp> ReadyAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_built) return this;
            await BuildAsync(await this.SeedWorldAsync());
            Clock.Set(Now);
            _built = true;
            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task BuildAsync(TestData.World world)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var intakes = scope.ServiceProvider.GetRequiredService<IntakeBuilder>();
        var codes = scope.ServiceProvider.GetRequiredService<DossierCodeGenerator>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var file = await scope.ServiceProvider.GetRequiredService<FileStore>().SaveAsync(new MemoryStream(TestPdf.OnePage), "du-thao.pdf", "application/pdf", Vn(10, 1), default);
        db.StoredFiles.Add(file);

        var province = new Official { Id = Guid.NewGuid(), UserName = ProvinceStats, FullName = "Thống kê tỉnh", UnitId = world.ProvinceId };
        (await users.CreateAsync(province, TestData.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(province, nameof(OfficialRole.StatisticsOffice))).Succeeded.ShouldBeTrue();

        async Task<Dossier.Intake> Intake(string procedure, Guid receivingUnit, Channel channel)
        {
            var built = await intakes.BuildAsync(procedure, receivingUnit, null,
                new ApplicantInput(ApplicantKind.Person, "Lê Văn Báo Cáo", "079195004999", "0987654999", null, "Tổ 5, phường Một"),
                procedure == "1.004222" ? [new ComponentInput("TK"), new ComponentInput("CHO_O")] : [new ComponentInput("BAN_SAO")],
                channel, null, null, 1, 1, 1, IdentityCheck.None, default);
            return built.Intake;
        }
        async Task<string> Code(DateTime at) => await codes.NextAsync(world.CommuneCode, at, default);

        async Task<Dossier> Desk(string procedure, DateTime at, Guid? unit = null)
        {
            var d = Dossier.ReceiveInPerson(await Intake(procedure, unit ?? world.DeskId, Channel.Desk), Channel.Desk, await Code(at), null, DossierBuilder.Calendar, DossierBuilder.Desk, at);
            db.Dossiers.Add(d);
            return d;
        }
        void Process(Dossier d, DateTime at)
        {
            d.StartProcessing(world.JusticeId, "Văn phòng HĐND và UBND phường Một", DossierBuilder.Desk, at);
            d.Assign(DossierBuilder.Specialist.Id!.Value, DossierBuilder.Specialist.Name, DossierBuilder.Leader, at.AddMinutes(30));
        }
        void Decide(Dossier d, DateTime at)
        {
            d.AttachDraftResult(file.Id, "du-thao.pdf", DossierBuilder.Specialist, at.AddHours(-2));
            d.SubmitForApproval(null, DossierBuilder.Specialist, at.AddHours(-2));
            d.Approve(null, DossierBuilder.Leader, at.AddHours(-1));
            d.Decide("Kết quả", "1/KQ", null, true, DossierBuilder.Leader, at);
        }

        // Residence (1.004222, Cư trú, 7 working days), Phường Một.
        // 1. Carried over from October (received 28/10, due 06/11), decided 03/11: carried over, settled early.
        var d1 = await Desk("1.004222", Vn(10, 28));
        Process(d1, Vn(10, 28, 10));
        Decide(d1, Vn(11, 3));
        // 2. Received and decided in October: not in November's report at all.
        var d2 = await Desk("1.004222", Vn(10, 20));
        Process(d2, Vn(10, 20, 10));
        Decide(d2, Vn(10, 23));
        // 3. Desk, received 17/11 (due 26/11 09:00), decided on the due day before the hour: on time.
        var d3 = await Desk("1.004222", Vn(11, 17));
        Process(d3, Vn(11, 17, 10));
        Decide(d3, Vn(11, 26, 8));
        // 4. Online, submitted and received 17/11, decided 27/11: late.
        var online = await Intake("1.004222", world.DeskId, Channel.Online);
        var d4 = Dossier.Submit(online, await Code(Vn(11, 17, 8)), MotCua.Web.Features.Catalog.OnlineLevel.Full, DossierBuilder.Citizen, Vn(11, 17, 8));
        db.Dossiers.Add(d4);
        d4.Receive(online.Version, DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 17));
        Process(d4, Vn(11, 17, 10));
        Decide(d4, Vn(11, 27));
        // 5. Postal (postmark 16/11), received 17/11, still in processing after the due date: pending, overdue.
        var d5 = Dossier.ReceiveInPerson(await Intake("1.004222", world.DeskId, Channel.Postal), Channel.Postal, await Code(Vn(11, 17)), Vn(11, 16),
            DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 17));
        db.Dossiers.Add(d5);
        Process(d5, Vn(11, 17, 10));
        // 6. Desk, received 27/11 (due 08/12): pending within time.
        var d6 = await Desk("1.004222", Vn(11, 27));
        Process(d6, Vn(11, 27, 10));
        // 7. Desk, received 17/11, stopped 20/11.
        var d7 = await Desk("1.004222", Vn(11, 17));
        d7.Stop("Người nộp đề nghị dừng", DossierBuilder.Leader, Vn(11, 20));
        // 8. Desk, received 17/11, withdrawn 19/11.
        var d8 = await Desk("1.004222", Vn(11, 17));
        Process(d8, Vn(11, 17, 10));
        d8.Withdraw("Không còn nhu cầu", DossierBuilder.Citizen, Vn(11, 19));
        // 9. Refused at the desk 18/11: never received, counted as refused.
        db.Dossiers.Add(Dossier.RefuseInPerson(await Intake("1.004222", world.DeskId, Channel.Desk), Channel.Desk, await Code(Vn(11, 18)),
            "Không thuộc thẩm quyền", DossierBuilder.Desk, Vn(11, 18)));
        // 10. Received 01/12 00:30 Vietnam time (30/11 17:30 UTC): December's, not November's.
        await Desk("1.004222", Vn(12, 1, 0, 30));
        // 11. Received 30/11 23:30 Vietnam time (30/11 16:30 UTC): November's, pending within time.
        await Desk("1.004222", Vn(11, 30, 23, 30));
        // 12. Received 24/11 (due 03/12), decided 02/12, after November: pending within time at November's end.
        var d12 = await Desk("1.004222", Vn(11, 24));
        Process(d12, Vn(11, 24, 10));
        Decide(d12, Vn(12, 2));
        // 13. Received 17/11, a supplement asked 25/11 (before the due date) and not answered: paused, within time.
        var d13 = await Desk("1.004222", Vn(11, 17));
        Process(d13, Vn(11, 17, 10));
        d13.RequestSupplement("Thiếu giấy tờ", ["Hợp đồng thuê nhà có công chứng"], DossierBuilder.Specialist, Vn(11, 25));
        // 14. Certification (2.000815, Chứng thực, same day): received and decided 10/11: on time (not a day early).
        var d14 = await Desk("2.000815", Vn(11, 10));
        Process(d14, Vn(11, 10, 10));
        Decide(d14, Vn(11, 10, 14));

        // Xã Hai: two residence dossiers received 17/11 and decided 20/11, early.
        for (var i = 0; i < 2; i++)
        {
            var d = Dossier.ReceiveInPerson(await Intake("1.004222", world.OtherCommuneId, Channel.Desk), Channel.Desk,
                await codes.NextAsync(world.OtherCommuneCode, Vn(11, 17), default), null, DossierBuilder.Calendar, DossierBuilder.Desk, Vn(11, 17));
            db.Dossiers.Add(d);
            d.StartProcessing(world.OtherCommuneId, "Xã Hai", DossierBuilder.Desk, Vn(11, 17, 10));
            d.Assign(DossierBuilder.Specialist.Id!.Value, DossierBuilder.Specialist.Name, DossierBuilder.Leader, Vn(11, 17, 11));
            Decide(d, Vn(11, 20));
        }
        await db.SaveChangesAsync();
    }
}
