using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>Every five minutes: a unit whose oldest change not yet acknowledged by the national portal is older than
/// <see cref="NationalPortalOptions.LagAlert"/> (10 minutes, the brief's limit) has the administrators of that unit and of
/// the units above it told by e-mail (a desk or a department rarely has an administrator of its own; the province's does),
/// one message per administrator and hour while it lasts, naming each late unit, the number waiting and the page to look at.</summary>
public sealed class SyncLagAlert(AppDbContext db, UnitTree units, IOptionsMonitor<NationalPortalOptions> options, TimeProvider clock, ILogger<SyncLagAlert> logger) : IRecurringJob
{
    public const string Name = "dvcqg.sync-lag-alert";
    public const string Trigger = "NationalSyncLag";

    public async Task RunAsync(RecurringOccurrence occurrence, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (!o.SyncEnabled) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = now - o.LagAlert;
        var late = await (from d in db.Dossiers.AsNoTracking()
                          where d.SyncState != SyncState.Synced
                          join e in db.DossierEvents on d.Id equals e.DossierId
                          where (d.SyncedAtUtc == null || e.AtUtc > d.SyncedAtUtc) && e.AtUtc < limit
                                && e.Kind != DossierEventKind.Import && e.Kind != DossierEventKind.ExternalStep
                          group e by d.CurrentUnitId into g
                          select new { UnitId = g.Key, Oldest = g.Min(x => x.AtUtc), Dossiers = g.Select(x => x.DossierId).Distinct().Count() })
            .ToListAsync(ct);
        if (late.Count == 0) return;
        // Each late unit with the units above it: whose administrators answer for it.
        var lateUnits = new List<(Guid UnitId, string Name, DateTime Oldest, int Dossiers, HashSet<Guid> Chain)>();
        foreach (var unit in late)
        {
            var chain = new HashSet<Guid> { unit.UnitId };
            var node = await units.FindAsync(unit.UnitId, ct);
            var name = node?.Name ?? unit.UnitId.ToString();
            while (node?.ParentId is { } parent && chain.Add(parent)) node = await units.FindAsync(parent, ct);
            lateUnits.Add((unit.UnitId, name, unit.Oldest, unit.Dossiers, chain));
            logger.LogWarning("National sync lag: unit {UnitId} has {Dossiers} dossier(s) waiting, the oldest change {Age} min ago.",
                unit.UnitId, unit.Dossiers, (int)(now - unit.Oldest).TotalMinutes);
        }
        var chains = lateUnits.SelectMany(u => u.Chain).Distinct().ToList();
        var admins = await (from u in db.Officials.AsNoTracking()
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == nameof(OfficialRole.Administrator) && chains.Contains(u.UnitId) && u.Email != null
                            select new { u.Id, u.UnitId, u.Email }).Distinct().ToListAsync(ct);
        var hour = VietnamTime.ToLocal(now).ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var admin in admins)
        {
            var theirs = lateUnits.Where(u => u.Chain.Contains(admin.UnitId)).OrderBy(u => u.Oldest).ToList();
            var eventId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{Trigger}:{admin.Id}:{hour}")).AsSpan(0, 16));
            if (theirs.Count == 0 || await db.Notifications.AnyAsync(n => n.EventId == eventId, ct)) continue;
            var lines = string.Join("; ", theirs.Select(u => $"{u.Name}: {u.Dossiers} hồ sơ, thay đổi cũ nhất đã {(int)(now - u.Oldest).TotalMinutes} phút"));
            var body = $"Có hồ sơ chưa được Cổng Dịch vụ công quốc gia xác nhận đồng bộ quá {(int)o.LagAlert.TotalMinutes} phút (quy định: trong {(int)o.LagAlert.TotalMinutes} phút). "
                       + $"{lines}. Xem chi tiết và gửi lại tại trang Đồng bộ DVCQG (/office/sync).";
            Notification.Queue(db, Notification.Create(new NotificationSubject("Unit", theirs[0].UnitId), eventId, Trigger, NotificationChannel.Email,
                admin.Email!, "Cảnh báo: chậm đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia", body, now), now);
        }
        await db.SaveChangesAsync(ct);
    }
}
