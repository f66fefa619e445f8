using System.Linq.Expressions;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Units;

namespace MotCua.Web.Features.Scorecard;

public sealed record IndicatorResult(
    string Id, string Name, double? Numerator, double? Denominator, double? Ratio, double Score, double Max,
    double? Threshold, bool ToConfirm, bool Tracked, int Lost, double Gain, string? Note, double? Average = null);

public sealed record GroupResult(string Id, string Name, double Score, double Max, IReadOnlyList<IndicatorResult> Indicators);

/// <summary>A procedure counted against a procedure indicator, with why.</summary>
public sealed record LostProcedure(Guid Id, string Code, string Name, string Reason);

/// <summary>The named conditions the aggregate counts, in the order of its columns, built from <see cref="DossierRules"/>.</summary>
public sealed class Counters
{
    private readonly Dictionary<string, int> _index = [];
    private readonly List<Expression<Func<Dossier, bool>>> _list = [];

    public Counters(DossierRules rules, DateTime fromUtc, bool alsoProcessed)
    {
        ArgumentNullException.ThrowIfNull(rules);
        // Under the wider reading of 2.1 the query also holds dossiers received earlier: every other count keeps to the period.
        Expression<Func<Dossier, bool>> inPeriod = d => d.ReceivedAtUtc >= fromUtc;
        Expression<Func<Dossier, bool>> Period(Expression<Func<Dossier, bool>> e, string id) =>
            alsoProcessed && id is not ("2.1" or "5.4") ? DossierRules.And(inPeriod, e) : e;
        foreach (var indicator in rules.All)
        {
            Add("den:" + indicator.Id, Period(indicator.Denominator, indicator.Id));
            if (indicator.SubtractEachPart)
                for (var k = 0; k < indicator.Parts.Count; k++)
                    Add($"fail:{indicator.Id}:{k}", Period(DossierRules.And(indicator.Denominator, DossierRules.Not(indicator.Parts[k].Holds)), indicator.Id));
            if (indicator.SubtractEachPart)
                Add("lost:" + indicator.Id, Period(DossierRules.And(indicator.Denominator, DossierRules.Not(indicator.Numerator)), indicator.Id));
            else Add("num:" + indicator.Id, Period(indicator.Numerator, indicator.Id));
        }
        Add("p:synced-fees", Period(rules.SyncedWithFees, ""));
        Add("p:paid-online", Period(rules.PaidOnline, ""));
        Add("p:population", Period(rules.PopulationData, ""));
        Add("p:online", Period(rules.Online, ""));
        Add("done", Period(rules.Completed, ""));
    }

    public IReadOnlyList<Expression<Func<Dossier, bool>>> List => _list;

    public int this[string key] => _index[key];

    private void Add(string key, Expression<Func<Dossier, bool>> e)
    {
        _index[key] = _list.Count;
        _list.Add(e);
    }
}

/// <summary>Feedback (phản ánh, kiến nghị) figures for group 5: items first received in the period, handled on time
/// (5.2), and not rated unsatisfied, late or raised again (5.3).</summary>
public sealed record FeedbackFigures(int Received, int HandledOnTime, int Satisfied);

/// <summary>Where group 5's feedback figures come from: the feedback feature's recorded items (Features/Feedback).</summary>
public interface IFeedbackFigures
{
    Task<FeedbackFigures> CountAsync(IReadOnlyCollection<Guid> units, DateTime fromUtc, DateTime toUtc, DateTime measureUtc, CancellationToken ct);

    /// <summary>The dossiers feedback was sent about (5.4 counts them against satisfaction), as a query the scorecard's
    /// aggregate embeds.</summary>
    IQueryable<Guid> DossiersWithFeedback { get; }
}

/// <summary>Where 6.3's electronic certified copies come from: the certification book's copies that exist signed
/// (Features/Certification, docs/adr/0033e).</summary>
public interface ICertifiedCopyFigures
{
    /// <summary>The dossiers whose certified copy exists signed, as a query the scorecard's aggregate embeds.</summary>
    IQueryable<Guid> DossiersWithSignedCopy { get; }
}

/// <summary>Turns the aggregate's rows, the catalog and the feedback figures into a unit's indicators, groups and
/// total, by the brief's formulas. Pure arithmetic over small inputs: the dossiers were counted in the database.</summary>
public sealed class ScorecardCalculator(
    DossierRules rules, Counters counters, CatalogFacts catalog, ScorecardOptions options, WorkingCalendar calendar, DateOnly from, DateOnly to)
{
    public sealed record Input(IReadOnlyList<CountRow> Rows, IReadOnlySet<UnitKind> Kinds, FeedbackFigures Feedback, IReadOnlyList<SettlingFigures> Settling);

    public IReadOnlyList<GroupResult> Compute(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = Indicators.All.Select(i => Indicator(i, input)).ToList();
        return [.. Indicators.Groups.Select(g =>
        {
            var items = Indicators.All.Select((i, n) => (i, r: results[n])).Where(x => x.i.GroupId == g.Id).Select(x => x.r).ToList();
            return new GroupResult(g.Id, g.Name, Round(items.Sum(i => i.Score)), g.Max, items);
        })];
    }

    public static double Total(IReadOnlyList<GroupResult> groups) => Round(groups.Sum(g => g.Score));

    private int Sum(Input input, string key)
    {
        var index = counters[key];
        return input.Rows.Sum(r => r.Counts[index]);
    }

    private HashSet<Guid> ProceduresWith(Input input, string key)
    {
        var index = counters[key];
        return [.. input.Rows.Where(r => r.Counts[index] > 0).Select(r => r.ProcedureId)];
    }

    private double? Threshold(IndicatorDefinition i) => options.Thresholds.TryGetValue(i.Id, out var t) ? t : i.Threshold;

    private IndicatorResult Indicator(IndicatorDefinition i, Input input)
    {
        switch (i.Basis)
        {
            case IndicatorBasis.Dossiers:
            {
                var indicator = rules.Find(i.Id)!;
                double den = Sum(input, "den:" + i.Id);
                double num;
                int lostUnits;
                if (indicator.SubtractEachPart)
                {
                    lostUnits = Enumerable.Range(0, indicator.Parts.Count).Sum(k => Sum(input, $"fail:{i.Id}:{k}"));
                    num = Math.Max(0, den - lostUnits);
                }
                else
                {
                    num = Sum(input, "num:" + i.Id);
                    lostUnits = (int)(den - num);
                }
                if (i.Id == "3.3")
                {
                    // × the sync ratio (1.4), as the brief scores the online channel.
                    double synced = Sum(input, "num:1.4"), all = Sum(input, "den:1.4");
                    var ratio = den > 0 && all > 0 ? num / den * (synced / all) : (double?)null;
                    return Result(i, num, den, ratio, lostUnits, null);
                }
                // 5.4: a dossier failing both parts is one dossier to fix, worth two.
                var lostItems = indicator.SubtractEachPart ? Sum(input, "lost:" + i.Id) : lostUnits;
                return Result(i, num, den, den > 0 ? Math.Min(1, num / den) : null, lostItems, null, lostUnits);
            }
            case IndicatorBasis.Procedures:
            {
                var (den, lost) = Procedures(i.Id, input);
                var num = den - lost.Count;
                return Result(i, num, den, den > 0 ? (double)num / den : null, lost.Count,
                    i.Id is "1.1" or "1.2" ? "Chỉ tính các phiên bản thủ tục có ghi ngày quyết định công bố (và ngày hiệu lực của căn cứ pháp lý với 1.1)." : null);
            }
            case IndicatorBasis.Feedback:
            {
                var fb = input.Feedback;
                const string note = "Tính trên phản ánh, kiến nghị ghi nhận trên hệ thống, nhận lần đầu trong kỳ.";
                return i.Id switch
                {
                    "5.2" => Result(i, fb.HandledOnTime, fb.Received, fb.Received > 0 ? (double)fb.HandledOnTime / fb.Received : null, fb.Received - fb.HandledOnTime, note),
                    "5.3" => Result(i, fb.Satisfied, fb.Received, fb.Received > 0 ? (double)fb.Satisfied / fb.Received : null, fb.Received - fb.Satisfied, note),
                    _ => Result(i, null, fb.Received, null, 0, note),
                };
            }
            default:
                return Settling(i, input);
        }
    }

    /// <summary>2.2, shown without points: the settled dossiers' working days added up (numerator), their number
    /// (denominator) and the average; the procedures whose average is above their legal time count as lost items.</summary>
    private IndicatorResult Settling(IndicatorDefinition i, Input input)
    {
        var day = calendar.OfficeHours.DayLength;
        var count = input.Settling.Sum(f => f.Dossiers);
        var days = (double)input.Settling.Sum(f => f.Total.Ticks) / day.Ticks;
        var slow = SlowProcedures(input);
        // The aggregate counts the settled dossiers too: one without an end of processing (bad imported data) cannot be timed.
        var untimed = Math.Max(0, Sum(input, "done") - count);
        var note = count == 0
            ? "Chưa có hồ sơ đã giải quyết xong (9) hoặc đã trả kết quả (10) trong số hồ sơ tiếp nhận trong kỳ."
            : $"Trung bình {SettlingTime.Number(days / count)} ngày làm việc/hồ sơ (tổng {SettlingTime.Number(days)} ngày làm việc, {count} hồ sơ), "
              + "tính theo lịch làm việc (trừ ngày nghỉ, lễ, Tết và thời gian chờ bổ sung)"
              + (slow.Count > 0 ? $"; {slow.Count} thủ tục có thời gian trung bình vượt thời hạn giải quyết." : ".");
        if (untimed > 0) note += $" {untimed} hồ sơ đã giải quyết chưa ghi thời điểm kết thúc xử lý nên không tính được thời gian.";
        return Result(i, Round(days), count, null, slow.Count, note) with { Average = count > 0 ? Round(days / count) : null };
    }

    /// <summary>2.2's lost items: the procedures pulling the average down.</summary>
    public IReadOnlyList<SlowProcedure> SlowProcedures(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SettlingTime.Slow(input.Settling, catalog, calendar.OfficeHours.DayLength, options.SettlingTimeSlowShare);
    }

    /// <param name="lostUnits">How far the numerator rises when every lost item is fixed (5.4: failures, not dossiers).</param>
    private IndicatorResult Result(IndicatorDefinition i, double? num, double? den, double? ratio, int lost, string? note, int? lostUnits = null)
    {
        var threshold = Threshold(i);
        var score = i.Tracked || num is null || den is null ? 0 : Indicators.Score(i.Max, threshold, num.Value, den.Value, options.EmptyDenominatorScoresFull);
        var gain = i.Tracked || num is null || den is null || den <= 0 ? 0
            : Indicators.Score(i.Max, threshold, Math.Min(den.Value, num.Value + (lostUnits ?? lost)), den.Value, options.EmptyDenominatorScoresFull) - score;
        return new IndicatorResult(i.Id, i.Name, num, den, ratio is { } r ? Math.Round(r, 4) : null, Round(score), i.Max, threshold,
            i.ToConfirm, i.Tracked, lost, Round(gain), note);
    }

    /// <summary>The procedure indicators: how many procedures are counted, and those counted against the unit, with why.</summary>
    public (int Denominator, IReadOnlyList<LostProcedure> Lost) Procedures(string id, Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var competent = catalog.CompetentFor(input.Kinds).ToList();
        List<LostProcedure> lost = [];
        static LostProcedure L(CatalogFacts.ProcedureFacts p, string reason) => new(p.Id, p.Code, p.Name, reason);
        switch (id)
        {
            case "1.1":
            {
                var counted = 0;
                foreach (var p in competent)
                {
                    var published = p.Versions.Where(v => v.DecisionDate is { } d && d >= from && d <= to && v.LegalBasisEffectiveDate is not null).ToList();
                    if (published.Count == 0) continue;
                    counted++;
                    // A procedure in several decisions counts once; one late decision makes it late for the period.
                    var late = published.FirstOrDefault(v => v.DecisionDate > WorkingDaysBefore(v.LegalBasisEffectiveDate!.Value, options.PublishingWorkingDays));
                    if (late is not null)
                        lost.Add(L(p, $"quyết định công bố ngày {late.DecisionDate:dd/MM/yyyy} muộn: phải ban hành trước ngày căn cứ pháp lý có hiệu lực ({late.LegalBasisEffectiveDate:dd/MM/yyyy}) ít nhất {options.PublishingWorkingDays} ngày làm việc"));
                }
                return (counted, lost);
            }
            case "1.2":
            {
                var counted = 0;
                foreach (var p in competent)
                {
                    var published = p.Versions.Where(v => v.DecisionDate is { } d && d >= from && d <= to).ToList();
                    if (published.Count == 0) continue;
                    counted++;
                    var late = published.FirstOrDefault(v => v.NationalDatabaseDisclosedDate is not { } disclosed
                        || disclosed > WorkingDaysAfter(v.DecisionDate!.Value, options.PublishingWorkingDays));
                    if (late is not null)
                        lost.Add(L(p, late.NationalDatabaseDisclosedDate is { } at
                            ? $"công khai trên Cơ sở dữ liệu quốc gia ngày {at:dd/MM/yyyy}, quá {options.PublishingWorkingDays} ngày làm việc sau quyết định công bố ngày {late.DecisionDate:dd/MM/yyyy}"
                            : $"chưa ghi ngày công khai trên Cơ sở dữ liệu quốc gia (quyết định công bố ngày {late.DecisionDate:dd/MM/yyyy})"));
                }
                return (counted, lost);
            }
            case "1.3":
                foreach (var p in competent)
                    if (CatalogFacts.MissingContent(p.Current!) is { Count: > 0 } missing) lost.Add(L(p, "công khai thiếu: " + string.Join(", ", missing)));
                return (competent.Count, lost);
            case "3.1":
                foreach (var p in competent.Where(p => !CatalogFacts.OffersOnline(p.Current!)))
                    lost.Add(L(p, "chưa cung cấp dịch vụ công trực tuyến"));
                return (competent.Count, lost);
            case "3.2":
            {
                var online = ProceduresWith(input, "p:online");
                var offered = competent.Where(p => CatalogFacts.OffersOnline(p.Current!)).ToList();
                lost.AddRange(offered.Where(p => !online.Contains(p.Id)).Select(p => L(p, "không phát sinh hồ sơ trực tuyến trong kỳ")));
                return (offered.Count, lost);
            }
            case "4.1":
            {
                var synced = ProceduresWith(input, "p:synced-fees");
                var withFees = competent.Where(p => p.Current!.Fees.Any(f => f.MayCharge)).ToList();
                lost.AddRange(withFees.Where(p => !synced.Contains(p.Id)).Select(p => L(p, "không có hồ sơ thu phí, lệ phí được đồng bộ trong kỳ")));
                return (withFees.Count, lost);
            }
            case "4.2":
            {
                var paid = ProceduresWith(input, "p:paid-online");
                var feeDossiers = ProceduresWith(input, "den:4.3");
                var withFees = options.OnlinePaymentOverCatalogFees
                    ? competent.Where(p => p.Current!.Fees.Any(f => f.MayCharge)).ToList()
                    : [.. catalog.Procedures.Where(p => feeDossiers.Contains(p.Id))];
                lost.AddRange(withFees.Where(p => !paid.Contains(p.Id)).Select(p => L(p, "chưa có hồ sơ thanh toán trực tuyến trong kỳ")));
                return (withFees.Count, lost);
            }
            case "6.7":
            {
                var linked = ProceduresWith(input, "p:population");
                var forCitizens = competent.Where(p => CatalogFacts.AppliesToCitizens(p.Current!)).ToList();
                lost.AddRange(forCitizens.Where(p => !linked.Contains(p.Id)).Select(p => L(p, "chưa có hồ sơ sử dụng dữ liệu dân cư trong kỳ")));
                return (forCitizens.Count, lost);
            }
            default:
                return (0, lost);
        }
    }

    private DateOnly WorkingDaysBefore(DateOnly date, int days)
    {
        var d = date;
        for (var n = 0; n < days;)
        {
            d = d.AddDays(-1);
            if (!calendar.Covers(d) ? !WorkingCalendar.IsWeekend(d) : calendar.IsWorkingDay(d)) n++;
        }
        return d;
    }

    private DateOnly WorkingDaysAfter(DateOnly date, int days)
    {
        var d = date;
        for (var n = 0; n < days;)
        {
            d = d.AddDays(1);
            if (!calendar.Covers(d) ? !WorkingCalendar.IsWeekend(d) : calendar.IsWorkingDay(d)) n++;
        }
        return d;
    }

    internal static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
