using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Scorecard;

/// <summary>One dossier as the national sync record would describe it: the figures the 766 formulas read.</summary>
public sealed record DossierSpec
{
    public required Guid UnitId { get; init; }
    public required ProcedureVersion Version { get; init; }
    public required DateTime ReceivedUtc { get; init; }
    public DateTime? DueUtc { get; init; }
    public DateTime? EndedUtc { get; init; }
    public DateTime? ReturnedUtc { get; init; }
    public DossierStatus Status { get; init; } = DossierStatus.InProgress;
    /// <summary>Supplement requests, each (requested, answered or null when never answered).</summary>
    public IReadOnlyList<(DateTime Requested, DateTime? Answered)> Supplements { get; init; } = [];
    public Channel Channel { get; init; } = Channel.Desk;
    public OnlineLevel Level { get; init; } = OnlineLevel.None;
    public bool Synced { get; init; }
    public bool IdentityVerified { get; init; }
    public bool ComponentFile { get; init; }
    public bool ComponentReused { get; init; }
    public bool ComponentFromStore { get; init; }
    /// <summary>A result with a file; with a result code it is an electronic result.</summary>
    public bool ResultFile { get; init; }
    public string? ResultCode { get; init; }
    public long Fee { get; init; }
    public PaymentMethod? Paid { get; init; }
    public bool Disliked { get; init; }
    public IReadOnlyList<string> Databases { get; init; } = [];
}

/// <summary>Writes dossiers straight into the test database as an import would (the scorecard reads rows, however
/// they came), and a catalog of procedures with the flags the indicators need.</summary>
public static class ScorecardData
{
    private static readonly Actor Desk = new(Guid.NewGuid(), "Nguyễn Thị Lan", "Cán bộ một cửa", null, "Bộ phận Một cửa");
    private static int _sequence;

    public static DateTime Vn(int year, int month, int day, int hour = 9, int minute = 0) => TestClock.Vn(year, month, day, hour, minute);

    public static ProcedureContent Paper(string name) => TestData.Residence() with
    {
        Name = name, ResultType = ResultType.PaperDocument, EligibleForFullOnline = true, ApplicantTypes = "Công dân Việt Nam",
    };

    public static async Task<ProcedureVersion> ProcedureAsync(this AppFactory app, string code, ProcedureContent content, DateTime? effective = null) =>
        await app.WithDbAsync(async db =>
        {
            var procedure = new Procedure(Guid.NewGuid(), code);
            var version = procedure.Publish(content, effective ?? new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc), "Quyết định thử nghiệm");
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync();
            return version;
        });

    public static async Task<Guid> UnitAsync(this AppFactory app, string name, UnitKind kind, Guid parentId, string code)
    {
        var unit = new Unit(Guid.NewGuid(), name, kind, parentId, code, new DateTime(2025, 6, 30, 17, 0, 0, DateTimeKind.Utc));
        await app.WithDbAsync(async db =>
        {
            db.Units.Add(unit);
            return await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<UnitTree>().Invalidate();
        return unit.Id;
    }

    public static async Task<Guid> DossierAsync(this AppFactory app, DossierSpec spec) => (await app.DossiersAsync(spec))[0];

    public static Task<IReadOnlyList<Guid>> DossiersAsync(this AppFactory app, params DossierSpec[] specs) => app.WithDbAsync<IReadOnlyList<Guid>>(async db =>
    {
        var ids = new List<Guid>();
        var calendar = WorkingCalendar.FromRules(2025, 2027);
        foreach (var spec in specs)
        {
            var component = new DossierComponent("TK", "Tờ khai", ComponentForm.Original, 1);
            var intake = new Dossier.Intake(Guid.NewGuid(), spec.Version, spec.UnitId, spec.UnitId,
                Applicant.Create(ApplicantKind.Person, "Phạm Văn Dân", "079095001234", "0912345678", null, "Khu phố 1"),
                "Hồ sơ thử", [component], spec.Fee == 0 ? [] : [new FeeLine("LP", "Lệ phí", FeeKind.Fee, spec.Fee, "", false)], "ABCD2345");
            var code = DossierCodeGenerator.Format("000.00.42.H98", new DateOnly(2026, 1, 1), Interlocked.Increment(ref _sequence));
            var dossier = Dossier.ReceiveInPerson(intake, Channel.Desk, code, null, calendar, Desk, spec.ReceivedUtc);
            var n = 0;
            var supplements = spec.Supplements.Select(s => New<SupplementRequest>(++n, s.Requested, Desk, "Thiếu giấy tờ", (IReadOnlyList<string>)["Tờ khai"], spec.DueUtc, DossierStatus.InProgress)).ToList();
            Field<SupplementRequest>(dossier, "_supplements").AddRange(supplements);
            ResultDocument? result = null;
            if (spec.ResultFile || spec.ResultCode is not null)
            {
                result = New<ResultDocument>("Giấy xác nhận", "1/GXN", spec.ResultCode, spec.ResultCode is not null, spec.EndedUtc ?? spec.ReceivedUtc, "Cán bộ");
                Field<ResultDocument>(dossier, "_results").Add(result);
            }
            var files = new List<DossierFile>();
            if (spec.ComponentFile) files.Add(File(db, DossierFilePurpose.Component, component.Id, null));
            if (spec.ResultFile) files.Add(File(db, DossierFilePurpose.Result, null, result!.Id));
            Field<DossierFile>(dossier, "_files").AddRange(files);
            if (spec.Paid is { } method)
                Field<DossierPayment>(dossier, "_payments").Add(New<DossierPayment>(spec.Fee, method, "GD-" + Guid.NewGuid().ToString("N")[..8], spec.ReceivedUtc, "Cổng thanh toán", (Guid?)null));
            db.Dossiers.Add(dossier);

            var entry = db.Entry(dossier);
            entry.Property(nameof(Dossier.Status)).CurrentValue = spec.Status;
            entry.Property(nameof(Dossier.DueAtUtc)).CurrentValue = spec.DueUtc;
            entry.Property(nameof(Dossier.OriginalDueAtUtc)).CurrentValue = spec.DueUtc;
            entry.Property(nameof(Dossier.ProcessingEndedAtUtc)).CurrentValue = spec.EndedUtc;
            entry.Property(nameof(Dossier.ReturnedAtUtc)).CurrentValue = spec.ReturnedUtc;
            entry.Property(nameof(Dossier.SupplementCount)).CurrentValue = spec.Supplements.Count;
            entry.Property(nameof(Dossier.Channel)).CurrentValue = spec.Channel;
            entry.Property(nameof(Dossier.SubmissionLevel)).CurrentValue = spec.Level;
            entry.Property(nameof(Dossier.SyncState)).CurrentValue = spec.Synced ? SyncState.Synced : SyncState.Pending;
            entry.Property(nameof(Dossier.IdentityVerified)).CurrentValue = spec.IdentityVerified;
            entry.Property(nameof(Dossier.ConnectedDatabases)).CurrentValue = spec.Databases.ToList();
            if (spec.Status == DossierStatus.Returned) entry.Property(nameof(Dossier.ReturnMethod)).CurrentValue = ReturnMethod.Electronic;
            var c = db.Entry(component);
            c.Property(nameof(DossierComponent.Reused)).CurrentValue = spec.ComponentReused || spec.ComponentFromStore;
            c.Property(nameof(DossierComponent.FromCitizenStore)).CurrentValue = spec.ComponentFromStore;
            for (var i = 0; i < supplements.Count; i++)
            {
                var s = db.Entry(supplements[i]);
                var answered = spec.Supplements[i].Answered;
                s.Property(nameof(SupplementRequest.State)).CurrentValue = answered is null
                    ? spec.Status == DossierStatus.SupplementRequested ? SupplementState.Open : SupplementState.Closed
                    : SupplementState.Answered;
                s.Property(nameof(SupplementRequest.AnsweredAtUtc)).CurrentValue = answered;
            }
            if (spec.Disliked)
            {
                var rating = New<SatisfactionRating>(dossier.Id, (Guid?)null);
                db.SatisfactionRatings.Add(rating);
                var r = db.Entry(rating);
                r.Property(nameof(SatisfactionRating.Liked)).CurrentValue = false;
                r.Property(nameof(SatisfactionRating.Score)).CurrentValue = 1;
                r.Property(nameof(SatisfactionRating.RatedAtUtc)).CurrentValue = spec.ReturnedUtc ?? spec.ReceivedUtc;
            }
            ids.Add(dossier.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    });

    private static DossierFile File(AppDbContext db, DossierFilePurpose purpose, Guid? componentId, Guid? resultId)
    {
        var stored = new StoredFile(Guid.NewGuid(), "tep.pdf", "application/pdf", 10, new string('0', 64), "test/" + Guid.NewGuid(), DateTime.UtcNow);
        db.StoredFiles.Add(stored);
        return New<DossierFile>(stored.Id, "tep.pdf", purpose, componentId, resultId, DateTime.UtcNow);
    }

    private static T New<T>(params object?[] args) =>
        (T)Activator.CreateInstance(typeof(T), BindingFlags.NonPublic | BindingFlags.Instance, null, args, null)!;

    private static List<T> Field<T>(Dossier dossier, string name) =>
        (List<T>)typeof(Dossier).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(dossier)!;
}
