using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Targets;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DemoData;

/// <summary>The seed plans' targets, campaign and tasks for the demo communes, in the current year: Phường Trần Biên's
/// campaign for digitization and online payment (seed 004, its four weeks moved to end this week), Xã Phú Lộc's
/// yearly targets (seed 003), Xã Tam Phước's (seeds 000 and 001) and the tasks of a plan's Phụ lục 1 (seed 000).</summary>
internal static class DemoPlans
{
    private static readonly Actor Seeder = new(null, "Dữ liệu mẫu", "Văn phòng – Thống kê", null, null);

    public static async Task SeedAsync(AppDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        var codes = DemoUnits.Communes.Select(c => c.Code).ToList();
        var units = await db.Units.AsNoTracking().Where(u => codes.Contains(u.AgencyCode)).ToDictionaryAsync(u => u.AgencyCode, u => u.Id, ct);
        if (units.Count == 0 || await db.Set<UnitTarget>().AnyAsync(t => units.Values.Contains(t.UnitId), ct)) return;
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        var year = today.Year;

        var targets = new (string Unit, string Source, (TargetMetric Metric, decimal Value)[] Values)[]
        {
            ("000.00.31.H99", "Kế hoạch số 18/KH-UBND của UBND tỉnh; Kế hoạch CCHC phường Trần Biên",
                [(TargetMetric.Digitized, 80), (TargetMetric.PaidOnline, 100), (TargetMetric.Satisfaction, 90)]),
            ("000.00.33.H99", "Kế hoạch kiểm soát thủ tục hành chính xã Phú Lộc",
                [(TargetMetric.Digitized, 35), (TargetMetric.ElectronicResults, 20), (TargetMetric.SubmittedOnline, 30), (TargetMetric.SettledOnTime, 98),
                 (TargetMetric.Satisfaction, 94), (TargetMetric.FeedbackOnTime, 97), (TargetMetric.ElectronicCertifiedCopies, 100)]),
            ("000.00.32.H99", "Phụ lục 2: giao chỉ tiêu hồ sơ trực tuyến",
                [(TargetMetric.FullyOnline, 60), (TargetMetric.PaidOnline, 60), (TargetMetric.ProceduresOnline, 100)]),
        };
        foreach (var (unit, source, values) in targets)
        {
            if (!units.TryGetValue(unit, out var unitId)) continue;
            foreach (var (metric, value) in values)
            {
                var target = new UnitTarget(unitId, year, metric);
                target.Set(value, source, Seeder, nowUtc);
                db.Add(target);
            }
        }

        if (units.TryGetValue("000.00.31.H99", out var tranBien))
        {
            // Seed 004's weeks (7, 7, 7 and 11 days), the last one ending today.
            var start = today.AddDays(-31);
            var weeks = new List<CampaignWeek>
            {
                new(1, start, start.AddDays(6), "Xây dựng kế hoạch, truyền thông, số hóa hồ sơ, khuyến khích nộp và thanh toán trực tuyến."),
                new(2, start.AddDays(7), start.AddDays(13), "Kiểm tra, giám sát, xử lý hồ sơ phát sinh, báo cáo khó khăn, vướng mắc."),
                new(3, start.AddDays(14), start.AddDays(20), "Tiếp tục số hóa, báo cáo kết quả có số liệu so sánh với tuần 1 và 2."),
                new(4, start.AddDays(21), today.AddDays(10), "Tổng hợp, đánh giá, rút kinh nghiệm, biểu dương."),
            };
            db.Add(new Campaign(tranBien, "Chiến dịch \"Nâng cao tỷ lệ số hoá hồ sơ, dịch vụ công trực tuyến, thanh toán trực tuyến trên địa bàn phường Trần Biên\"",
                "Kế hoạch số 07/KH-UBND", start, today.AddDays(10), [new CampaignPhase("Giai đoạn 1", start, today.AddDays(10))], weeks,
                [
                    new CampaignMilestone(1, TargetMetric.Digitized, 50), new CampaignMilestone(2, TargetMetric.Digitized, 60),
                    new CampaignMilestone(3, TargetMetric.Digitized, 70), new CampaignMilestone(4, TargetMetric.Digitized, 80),
                    new CampaignMilestone(null, TargetMetric.Digitized, 80), new CampaignMilestone(null, TargetMetric.PaidOnline, 100),
                    new CampaignMilestone(4, TargetMetric.SubmittedOnline, 60),
                ], Seeder, nowUtc));
        }

        if (units.TryGetValue("000.00.32.H99", out var tamPhuoc))
        {
            const string plan = "Kế hoạch đẩy mạnh sử dụng dịch vụ công trực tuyến, nâng cao tỷ lệ hồ sơ trực tuyến toàn trình";
            var tasks = new (string Number, string Title, string Lead, string Coordinating, DateOnly Due, string Deadline, string Product)[]
            {
                ("1", "Tăng cường tuyên truyền cung ứng dịch vụ công trực tuyến toàn trình đến cán bộ, công chức và người dân, doanh nghiệp.",
                    "Các ban ngành, đoàn thể liên quan; Bộ phận TN&TKQ", "Bộ phận VHTT, Văn phòng HĐND&UBND xã, Ủy ban MTTQ và các tổ chức đoàn thể",
                    new DateOnly(year, 12, 31), $"Năm {year}", "Đạt chỉ tiêu tỷ lệ hồ sơ trực tuyến đã giao."),
                ("2", "Xác định cụ thể nhiệm vụ, giải pháp và trách nhiệm của từng cán bộ, công chức trong đẩy mạnh tiếp nhận, giải quyết hồ sơ trực tuyến.",
                    "Bộ phận TN&TKQ", "Bộ phận VH TT, VP HĐND&UBND xã", today.AddDays(-10), $"Trước ngày {today.AddDays(-10):dd/MM/yyyy}", "Ban hành văn bản chỉ đạo, đôn đốc."),
                ("3", "Thí điểm một số thủ tục hành chính chỉ tiếp nhận trực tuyến: đưa vào kế hoạch, tuyên truyền, niêm yết tại Bộ phận Một cửa.",
                    "Bộ phận TN&TKQ", "Bộ phận VH TT, VP HĐND&UBND xã", today.AddDays(20), $"Trước ngày {today.AddDays(20):dd/MM/yyyy}",
                    "Ban hành kế hoạch; công khai niêm yết tại Bộ phận Một cửa; báo cáo đánh giá."),
                ("4", "Tuyên truyền, khuyến khích người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến.",
                    "Bộ phận TN&TKQ", "Bộ phận VH TT, VP HĐND&UBND xã", new DateOnly(year, 12, 31), $"Năm {year}", ""),
                ("5", "Tuyên truyền cải cách hành chính đến hội viên, đoàn viên: tiếp cận dịch vụ công, nộp hồ sơ và thanh toán trực tuyến.",
                    "UBMT, các đoàn thể", "Bộ phận VH TT, VP HĐND&UBND xã", new DateOnly(year, 12, 31), $"Năm {year}",
                    "Đưa dịch vụ công trực tuyến vào chương trình sinh hoạt chuyên đề."),
            };
            foreach (var t in tasks)
                db.Add(new PlanTask(tamPhuoc, plan, t.Number, t.Title, t.Lead, t.Coordinating, t.Due, t.Deadline, t.Product.Length == 0 ? null : t.Product, Seeder, nowUtc));
        }
        await db.SaveChangesAsync(ct);
    }
}
