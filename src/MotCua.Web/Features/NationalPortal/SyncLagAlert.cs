using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>Every five minutes: a unit whose oldest change not yet acknowledged by the national portal is older than
/// <see cref="NationalPortalOptions.LagAlert"/> (10 minutes, the brief's limit) has its administrators told by e-mail,
/// once per unit and hour while it lasts, with the number waiting and the page to look at.</summary>
public sealed class SyncLagAlert(AppDbContext db, IOptionsMonitor<NationalPortalOptions> options, TimeProvider clock, ILogger<SyncLagAlert> logger) : IRecurringJob
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
        var unitIds = late.Select(l => l.UnitId).ToList();
        var admins = await (from u in db.Officials.AsNoTracking()
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == nameof(OfficialRole.Administrator) && unitIds.Contains(u.UnitId) && u.Email != null
                            select new { u.Id, u.UnitId, u.Email }).ToListAsync(ct);
        var hour = VietnamTime.ToLocal(now).ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var unit in late)
        {
            var age = (int)(now - unit.Oldest).TotalMinutes;
            logger.LogWarning("National sync lag: unit {UnitId} has {Dossiers} dossier(s) waiting, the oldest change {Age} min ago.", unit.UnitId, unit.Dossiers, age);
            foreach (var admin in admins.Where(a => a.UnitId == unit.UnitId))
            {
                var eventId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{Trigger}:{unit.UnitId}:{admin.Id}:{hour}")).AsSpan(0, 16));
                if (await db.Notifications.AnyAsync(n => n.EventId == eventId, ct)) continue;
                var body = $"Có {unit.Dossiers} hồ sơ của đơn vị chưa được Cổng Dịch vụ công quốc gia xác nhận đồng bộ; thay đổi cũ nhất đã {age} phút "
                           + $"(quy định: trong {(int)o.LagAlert.TotalMinutes} phút). Xem chi tiết và gửi lại tại trang Đồng bộ DVCQG (/office/sync).";
                Notification.Queue(db, Notification.Create(new NotificationSubject("Unit", unit.UnitId), eventId, Trigger, NotificationChannel.Email,
                    admin.Email!, "Cảnh báo: chậm đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia", body, now), now);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
