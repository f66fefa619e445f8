using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DemoData;

public sealed record DemoOptions
{
    public const int DefaultDossiers = 300;
    public const int DefaultSeed = 766;
    public int Dossiers { get; init; } = DefaultDossiers;
    public int Seed { get; init; } = DefaultSeed;
    /// <summary>How far back reception dates go.</summary>
    public int Days { get; init; } = 90;
}

/// <summary>Builds the demo province and its history through the same domain operations the app uses, so the
/// data obeys every rule (transitions, due dates, codes, history). <c>seed-demo --dossiers N</c> makes large sets
/// for benchmarks: dossiers are written in batches and the change tracker is cleared between them.</summary>
public sealed class DemoDataGenerator(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    ImportCatalog.Handler importCatalog,
    CalendarService calendars,
    DossierCodeGenerator codes,
    FileIntake files,
    TimeProvider clock)
{
    private const int BatchSize = 250;
    public const string ProvinceCode = DemoUnits.ProvinceCode;

    public static string AccountsText
    {
        get
        {
            var sb = new StringBuilder();
            sb.AppendLine("Tài khoản dùng thử (mật khẩu chung: " + DemoUnits.Password + "):");
            sb.AppendLine("  admin                      Quản trị hệ thống (Tỉnh Minh Họa)");
            foreach (var commune in DemoUnits.Communes)
                foreach (var o in DemoUnits.OfficialsOf(commune))
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {o.UserName,-26} {o.Role.DisplayName()} - {commune.Name}");
            sb.AppendLine("  congdan                    Công dân (tài khoản cổng dịch vụ công)");
            sb.AppendLine("  tocongnghe                 Tổ công nghệ số cộng đồng (nộp hồ sơ thay người dân trên cổng)");
            return sb.ToString();
        }
    }

    public async Task<string> SeedAsync(DemoOptions options, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        await EnsureStructureAsync(now, ct);
        var imported = await importCatalog.HandleAsync(ImportCatalog.LoadSeed(), ct);
        await DemoPlans.SeedAsync(db, now, ct);
        var count = await GenerateDossiersAsync(options, now, ct);
        return $"""
            Dữ liệu mẫu: 1 tỉnh, {DemoUnits.Communes.Length} xã/phường; danh mục: {imported}; đã tạo {count} hồ sơ trong {watch.Elapsed.TotalSeconds:0.0} giây.
            {AccountsText}
            """;
    }

    // ------------------------------------------------------------ units and officials

    private async Task EnsureStructureAsync(DateTime now, CancellationToken ct)
    {
        await IdentitySetup.EnsureRolesAsync(roles);
        if (await db.Units.AnyAsync(u => u.AgencyCode == DemoUnits.ProvinceCode, ct)) return;

        var since2025 = new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc); // 1/7/2025 00:00 in Vietnam
        var province = new Unit(Guid.CreateVersion7(), "Tỉnh Minh Họa", UnitKind.Province, null, DemoUnits.ProvinceCode, since2025.AddYears(-20), "Dữ liệu mẫu");
        var center = new Unit(Guid.CreateVersion7(), "Trung tâm Phục vụ hành chính công tỉnh", UnitKind.PublicServiceCenter, province.Id, "000.00.10.H99", since2025, "Dữ liệu mẫu");
        db.Units.AddRange(province, center);
        await db.SaveChangesAsync(ct);
        await CreateOfficialAsync("admin", "Quản trị hệ thống", OfficialRole.Administrator, "Quản trị hệ thống", province.Id);

        foreach (var spec in DemoUnits.Communes)
        {
            // Communes merged in 2025 got new codes; the old code stays in the history.
            var commune = new Unit(Guid.CreateVersion7(), spec.Name, spec.Kind, province.Id, spec.OldCode ?? spec.Code,
                spec.OldCode is null ? since2025 : since2025.AddYears(-10), spec.OldCode is null ? "Nghị quyết sắp xếp đơn vị hành chính 2025" : "Dữ liệu mẫu");
            if (spec.OldCode is not null) commune.ReissueAgencyCode(spec.Code, since2025, "Nghị quyết sắp xếp đơn vị hành chính 2025");
            db.Units.Add(commune);
            var departments = DemoUnits.Departments
                .Select(d => new Unit(Guid.CreateVersion7(), $"{d.Name} {spec.Name.Replace("Phường ", "phường ").Replace("Xã ", "xã ")}", d.Kind, commune.Id,
                    $"000.{d.Level3}.{spec.Code[7..9]}.H99", since2025, "Dữ liệu mẫu"))
                .ToList();
            db.Units.AddRange(departments);
            await db.SaveChangesAsync(ct);
            foreach (var o in DemoUnits.OfficialsOf(spec))
                await CreateOfficialAsync(o.UserName, o.FullName, o.Role, o.Title, o.DepartmentIndex < 0 ? commune.Id : departments[o.DepartmentIndex].Id);
        }

        var citizen = new Citizen
        {
            Id = Guid.CreateVersion7(), UserName = "congdan", FullName = "Nguyễn Văn Dân", PersonalIdNumber = "075095001234",
            PhoneNumber = "0912345678", Email = "congdan@example.vn", EmailConfirmed = true, VerifiedWithElectronicIdentity = true,
        };
        Check(await users.CreateAsync(citizen, DemoUnits.Password), "congdan");
        var helper = new Citizen
        {
            Id = Guid.CreateVersion7(), UserName = "tocongnghe", FullName = "Lê Thị Hỗ Trợ", PersonalIdNumber = "075190005678",
            PhoneNumber = "0987654321", Email = "tocongnghe@example.vn", EmailConfirmed = true,
        };
        Check(await users.CreateAsync(helper, DemoUnits.Password), "tocongnghe");
        Check(await users.AddToRoleAsync(helper, IdentitySetup.CommunityDigitalTeamRole), "tocongnghe");
    }

    private async Task CreateOfficialAsync(string userName, string fullName, OfficialRole role, string title, Guid unitId)
    {
        var official = new Official { Id = Guid.CreateVersion7(), UserName = userName, FullName = fullName, Title = title, UnitId = unitId, EmailConfirmed = true };
        Check(await users.CreateAsync(official, DemoUnits.Password), userName);
        Check(await users.AddToRoleAsync(official, role.ToString()), userName);
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo account {who}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    // ------------------------------------------------------------ dossiers

    internal sealed record Place(Unit Commune, Unit Desk, Unit Justice, Unit Economy, Actor DeskOfficial, Actor Specialist, Actor EconomySpecialist, Actor Leader, Actor Clerk);

    private async Task<int> GenerateDossiersAsync(DemoOptions options, DateTime now, CancellationToken ct)
    {
        if (options.Dossiers == 0) return 0;
        var places = await LoadPlacesAsync(ct);
        // In the seed catalog's order: the database returns rows in no fixed order, and the same seed
        // must tell the same stories on every machine.
        var current = await db.Procedures.AsNoTracking()
            .Join(db.ProcedureVersions.AsNoTracking(), p => p.CurrentVersionId, v => v.Id, (p, v) => new { p.Code, Version = v })
            .ToListAsync(ct);
        var seedOrder = ImportCatalog.LoadSeed().Select((e, i) => (e.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var versions = current
            .OrderBy(x => seedOrder.GetValueOrDefault(x.Code, int.MaxValue)).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select(x => x.Version)
            .ToList();
        var today = VietnamTime.ToLocal(now);
        var calendar = await calendars.GetAsync(today.Year - 1 - options.Days / 365, today.Year + 1, ct);
        var scan = await DemoScanAsync(now, ct);

        var owner = await db.Citizens.AsNoTracking().Where(c => c.UserName == "congdan")
            .Select(c => new DossierStory.Owner(c.Id, c.FullName, c.PersonalIdNumber, c.PhoneNumber, c.Email, c.Address))
            .FirstOrDefaultAsync(ct);

        var random = new Random(options.Seed);
        // Told in time order, so each day's sequence numbers follow the clock as at a real desk.
        var stories = Enumerable.Range(0, options.Dossiers)
            .Select(i => new DossierStory(random, calendar, now, places[random.Next(places.Count)], versions[Weighted(random, versions)], scan,
                i % 40 == 7 ? owner : null))
            .OrderBy(s => s.Start)
            .ToList();
        var receipts = new Dictionary<(Guid Unit, int Year), int>();
        foreach (var batch in stories.Chunk(BatchSize))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var story in batch)
            {
                var dossier = await story.TellAsync(codes, ct);
                db.Dossiers.Add(dossier);
                await AddPaymentsAsync(story, dossier, receipts, ct);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return stories.Count;
    }

    /// <summary>The story's payment orders, numbered in their commune's receipt series of the year, and owing their money
    /// back when the dossier ended without being settled — what the app's own payments and <see cref="RefundOnEnd"/> record.</summary>
    private async Task AddPaymentsAsync(DossierStory story, Dossier dossier, Dictionary<(Guid Unit, int Year), int> receipts, CancellationToken ct)
    {
        var end = dossier.Status is DossierStatus.Refused or DossierStatus.Withdrawn or DossierStatus.Stopped
            ? dossier.History.Where(e => e.ToStatus == dossier.Status && e.FromStatus != e.ToStatus).MaxBy(e => e.Sequence)
            : null;
        foreach (var order in story.Orders)
        {
            var paid = order.PaidAtUtc!.Value;
            var key = (story.CommuneId, VietnamTime.ToLocal(paid).Year);
            if (!receipts.TryGetValue(key, out var last))
                last = await db.Set<PaymentOrder>().Where(o => o.ReceiptUnitId == key.CommuneId && o.ReceiptYear == key.Item2).MaxAsync(o => o.ReceiptNumber, ct) ?? 0;
            receipts[key] = last + 1;
            order.IssueReceipt(key.CommuneId, key.Item2, last + 1, paid);
            if (end is not null)
                order.MarkRefundDue($"{end.ActorName} ({end.ActorRole})", $"Hồ sơ chuyển sang trạng thái \"{end.ToStatus.DisplayName()}\"{(end.Reason is { Length: > 0 } why ? ": " + why : "")}", end.AtUtc);
            db.Add(order);
        }
    }

    /// <summary>Civil status and certification make most of a commune's dossiers; the order of the seed
    /// catalog puts them first, so earlier procedures are drawn more often.</summary>
    private static int Weighted(Random random, List<ProcedureVersion> versions)
    {
        var i = (int)(versions.Count * Math.Pow(random.NextDouble(), 1.8));
        return Math.Min(i, versions.Count - 1);
    }

    private async Task<List<Place>> LoadPlacesAsync(CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var officials = await db.Officials.AsNoTracking().ToListAsync(ct);
        var roleOf = new Dictionary<Guid, OfficialRole>();
        foreach (var role in Enum.GetValues<OfficialRole>())
            foreach (var user in await users.GetUsersInRoleAsync(role.ToString()))
                roleOf[user.Id] = role;

        var places = new List<Place>();
        foreach (var spec in DemoUnits.Communes)
        {
            var commune = units.Single(u => u.AgencyCode == spec.Code);
            var inside = units.Where(u => u.ParentId == commune.Id).ToList();
            var all = inside.Select(u => u.Id).Append(commune.Id).ToHashSet();
            var staff = officials.Where(o => all.Contains(o.UnitId)).ToList();
            Actor ActorFor(string userName)
            {
                var o = staff.Single(s => s.UserName == userName);
                return new Actor(o.Id, o.FullName, roleOf[o.Id].DisplayName(), o.UnitId, units.Single(u => u.Id == o.UnitId).Name);
            }
            places.Add(new Place(commune,
                inside.Single(u => u.Kind == UnitKind.PublicServiceCenter),
                inside.Single(u => u.Name.StartsWith("Văn phòng", StringComparison.Ordinal)),
                inside.Single(u => u.Name.StartsWith("Phòng Kinh tế", StringComparison.Ordinal)),
                ActorFor($"motcua.{spec.Key}"), ActorFor($"chuyenvien.{spec.Key}"), ActorFor($"kinhte.{spec.Key}"),
                ActorFor($"lanhdao.{spec.Key}"), ActorFor($"vanthu.{spec.Key}")));
        }
        return places;
    }

    /// <summary>One small real PDF stands for every scanned page of the demo: a large data set must not
    /// write a file per dossier.</summary>
    private async Task<StoredFile> DemoScanAsync(DateTime now, CancellationToken ct)
    {
        var existing = await db.StoredFiles.FirstOrDefaultAsync(f => f.FileName == DemoPdf.FileName, ct);
        if (existing is not null) return existing;
        using var content = new MemoryStream(DemoPdf.Bytes());
        await using var batch = files.Begin(db);
        var stored = await batch.SaveAsync(content, DemoPdf.FileName, "application/pdf", now, ct);
        await db.SaveChangesAsync(ct);
        batch.Committed();
        return stored;
    }
}
