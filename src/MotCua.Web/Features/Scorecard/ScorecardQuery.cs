using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>One row of the aggregate: a competent unit and a procedure, with the count of the period's dossiers meeting
/// each named condition.</summary>
public sealed record CountRow(Guid UnitId, Guid ProcedureId, IReadOnlyList<int> Counts);

/// <summary>The scorecard's one aggregate query: the dossiers of the units and period, grouped by competent unit and
/// procedure, each named condition summed as SUM(CASE WHEN … THEN 1 ELSE 0 END) in the database. No dossier row is
/// loaded; the answer has a row per unit and procedure that had dossiers, from which every unit's figures (and the
/// per-procedure indicators) are added up in memory.</summary>
public static class ScorecardQuery
{
    public const int MaxCounters = 40;

    /// <summary>The dossiers counted: competent unit among <paramref name="units"/>, received in [from, to) — or, with
    /// <paramref name="alsoProcessed"/>, received before and still processed at the period's start.</summary>
    public static IQueryable<Dossier> Scope(AppDbContext db, IReadOnlyCollection<Guid> units, DateTime fromUtc, DateTime toUtc, bool alsoProcessed)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = units.ToList();
        var dossiers = db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.CompetentUnitId) && d.ReceivedAtUtc < toUtc);
        return alsoProcessed
            ? dossiers.Where(d => d.ReceivedAtUtc >= fromUtc || d.ProcessingEndedAtUtc == null || d.ProcessingEndedAtUtc >= fromUtc)
            : dossiers.Where(d => d.ReceivedAtUtc >= fromUtc);
    }

    public static async Task<IReadOnlyList<CountRow>> CountAsync(IQueryable<Dossier> dossiers, IReadOnlyList<Expression<Func<Dossier, bool>>> counters, CancellationToken ct)
    {
        var sums = await Aggregate(dossiers, counters).ToListAsync(ct);
        return [.. sums.Select(s => new CountRow(s.UnitId, s.ProcedureId, [s.C00, s.C01, s.C02, s.C03, s.C04, s.C05, s.C06, s.C07, s.C08, s.C09, s.C10, s.C11, s.C12, s.C13, s.C14, s.C15, s.C16, s.C17, s.C18, s.C19, s.C20, s.C21, s.C22, s.C23, s.C24, s.C25, s.C26, s.C27, s.C28, s.C29, s.C30, s.C31, s.C32, s.C33, s.C34, s.C35, s.C36, s.C37, s.C38, s.C39]))];
    }

    /// <summary>The query itself: a projection of the named conditions, grouped and summed.</summary>
    public static IQueryable<Sums> Aggregate(IQueryable<Dossier> dossiers, IReadOnlyList<Expression<Func<Dossier, bool>>> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        if (counters.Count > MaxCounters) throw new ArgumentOutOfRangeException(nameof(counters), "Too many counters.");
        var d = Expression.Parameter(typeof(Dossier), "d");
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(typeof(Flags).GetProperty(nameof(Flags.UnitId))!, Expression.Property(d, nameof(Dossier.CompetentUnitId))),
            Expression.Bind(typeof(Flags).GetProperty(nameof(Flags.ProcedureId))!, Expression.Property(d, nameof(Dossier.ProcedureId))),
        };
        for (var i = 0; i < MaxCounters; i++)
        {
            var value = i < counters.Count ? DossierRules.Bind(counters[i], d) : Expression.Constant(false);
            bindings.Add(Expression.Bind(typeof(Flags).GetProperty($"F{i:00}", BindingFlags.Public | BindingFlags.Instance)!, value));
        }
        var flags = Expression.Lambda<Func<Dossier, Flags>>(Expression.MemberInit(Expression.New(typeof(Flags)), bindings), d);
        // Take pushes the projection down into a derived table, so the grouping sums the conditions' columns. The
        // conditions over owned rows (fees, payments) are still translated as a subquery per group (ADR 0030a).
        return dossiers.Select(flags).Take(int.MaxValue)
            .GroupBy(x => new { x.UnitId, x.ProcedureId })
            .Select(g => new Sums
            {
                UnitId = g.Key.UnitId,
                ProcedureId = g.Key.ProcedureId,
                C00 = g.Sum(x => x.F00 ? 1 : 0),
                C01 = g.Sum(x => x.F01 ? 1 : 0),
                C02 = g.Sum(x => x.F02 ? 1 : 0),
                C03 = g.Sum(x => x.F03 ? 1 : 0),
                C04 = g.Sum(x => x.F04 ? 1 : 0),
                C05 = g.Sum(x => x.F05 ? 1 : 0),
                C06 = g.Sum(x => x.F06 ? 1 : 0),
                C07 = g.Sum(x => x.F07 ? 1 : 0),
                C08 = g.Sum(x => x.F08 ? 1 : 0),
                C09 = g.Sum(x => x.F09 ? 1 : 0),
                C10 = g.Sum(x => x.F10 ? 1 : 0),
                C11 = g.Sum(x => x.F11 ? 1 : 0),
                C12 = g.Sum(x => x.F12 ? 1 : 0),
                C13 = g.Sum(x => x.F13 ? 1 : 0),
                C14 = g.Sum(x => x.F14 ? 1 : 0),
                C15 = g.Sum(x => x.F15 ? 1 : 0),
                C16 = g.Sum(x => x.F16 ? 1 : 0),
                C17 = g.Sum(x => x.F17 ? 1 : 0),
                C18 = g.Sum(x => x.F18 ? 1 : 0),
                C19 = g.Sum(x => x.F19 ? 1 : 0),
                C20 = g.Sum(x => x.F20 ? 1 : 0),
                C21 = g.Sum(x => x.F21 ? 1 : 0),
                C22 = g.Sum(x => x.F22 ? 1 : 0),
                C23 = g.Sum(x => x.F23 ? 1 : 0),
                C24 = g.Sum(x => x.F24 ? 1 : 0),
                C25 = g.Sum(x => x.F25 ? 1 : 0),
                C26 = g.Sum(x => x.F26 ? 1 : 0),
                C27 = g.Sum(x => x.F27 ? 1 : 0),
                C28 = g.Sum(x => x.F28 ? 1 : 0),
                C29 = g.Sum(x => x.F29 ? 1 : 0),
                C30 = g.Sum(x => x.F30 ? 1 : 0),
                C31 = g.Sum(x => x.F31 ? 1 : 0),
                C32 = g.Sum(x => x.F32 ? 1 : 0),
                C33 = g.Sum(x => x.F33 ? 1 : 0),
                C34 = g.Sum(x => x.F34 ? 1 : 0),
                C35 = g.Sum(x => x.F35 ? 1 : 0),
                C36 = g.Sum(x => x.F36 ? 1 : 0),
                C37 = g.Sum(x => x.F37 ? 1 : 0),
                C38 = g.Sum(x => x.F38 ? 1 : 0),
                C39 = g.Sum(x => x.F39 ? 1 : 0),
            });
    }
}

/// <summary>The named conditions of one dossier, as the aggregate's inner projection.</summary>
public sealed class Flags
{
    public Guid UnitId { get; init; }
    public Guid ProcedureId { get; init; }
    public bool F00 { get; init; }
    public bool F01 { get; init; }
    public bool F02 { get; init; }
    public bool F03 { get; init; }
    public bool F04 { get; init; }
    public bool F05 { get; init; }
    public bool F06 { get; init; }
    public bool F07 { get; init; }
    public bool F08 { get; init; }
    public bool F09 { get; init; }
    public bool F10 { get; init; }
    public bool F11 { get; init; }
    public bool F12 { get; init; }
    public bool F13 { get; init; }
    public bool F14 { get; init; }
    public bool F15 { get; init; }
    public bool F16 { get; init; }
    public bool F17 { get; init; }
    public bool F18 { get; init; }
    public bool F19 { get; init; }
    public bool F20 { get; init; }
    public bool F21 { get; init; }
    public bool F22 { get; init; }
    public bool F23 { get; init; }
    public bool F24 { get; init; }
    public bool F25 { get; init; }
    public bool F26 { get; init; }
    public bool F27 { get; init; }
    public bool F28 { get; init; }
    public bool F29 { get; init; }
    public bool F30 { get; init; }
    public bool F31 { get; init; }
    public bool F32 { get; init; }
    public bool F33 { get; init; }
    public bool F34 { get; init; }
    public bool F35 { get; init; }
    public bool F36 { get; init; }
    public bool F37 { get; init; }
    public bool F38 { get; init; }
    public bool F39 { get; init; }
}

/// <summary>The counts of one unit and procedure.</summary>
public sealed class Sums
{
    public Guid UnitId { get; init; }
    public Guid ProcedureId { get; init; }
    public int C00 { get; init; }
    public int C01 { get; init; }
    public int C02 { get; init; }
    public int C03 { get; init; }
    public int C04 { get; init; }
    public int C05 { get; init; }
    public int C06 { get; init; }
    public int C07 { get; init; }
    public int C08 { get; init; }
    public int C09 { get; init; }
    public int C10 { get; init; }
    public int C11 { get; init; }
    public int C12 { get; init; }
    public int C13 { get; init; }
    public int C14 { get; init; }
    public int C15 { get; init; }
    public int C16 { get; init; }
    public int C17 { get; init; }
    public int C18 { get; init; }
    public int C19 { get; init; }
    public int C20 { get; init; }
    public int C21 { get; init; }
    public int C22 { get; init; }
    public int C23 { get; init; }
    public int C24 { get; init; }
    public int C25 { get; init; }
    public int C26 { get; init; }
    public int C27 { get; init; }
    public int C28 { get; init; }
    public int C29 { get; init; }
    public int C30 { get; init; }
    public int C31 { get; init; }
    public int C32 { get; init; }
    public int C33 { get; init; }
    public int C34 { get; init; }
    public int C35 { get; init; }
    public int C36 { get; init; }
    public int C37 { get; init; }
    public int C38 { get; init; }
    public int C39 { get; init; }
}
