using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
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

    public static async Task<IReadOnlyList<CountRow>> CountAsync(
        AppDbContext db, IQueryable<Dossier> dossiers, IReadOnlyList<Expression<Func<Dossier, bool>>> counters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sums = await WithoutJitAsync(db, () => Aggregate(dossiers, counters).ToListAsync(ct), ct);
        return [.. sums.Select(s => new CountRow(s.UnitId, s.ProcedureId, [s.C00, s.C01, s.C02, s.C03, s.C04, s.C05, s.C06, s.C07, s.C08, s.C09, s.C10, s.C11, s.C12, s.C13, s.C14, s.C15, s.C16, s.C17, s.C18, s.C19, s.C20, s.C21, s.C22, s.C23, s.C24, s.C25, s.C26, s.C27, s.C28, s.C29, s.C30, s.C31, s.C32, s.C33, s.C34, s.C35, s.C36, s.C37, s.C38, s.C39]))];
    }

    /// <summary>Runs the reads on PostgreSQL in a transaction of their own with JIT off. The scorecard's queries have
    /// estimated costs (millions, from the per-row EXISTS and calendar lookups) far above jit_above_cost, so PostgreSQL
    /// JIT-compiles their wide expressions on every run: measured 1–30 s of compiling for the aggregate, and 4.6–4.9 s of
    /// 2.2's query at 100,000 and 1,000,000 dossiers, for queries that run in seconds without it. SET LOCAL turns JIT off
    /// for this transaction only.</summary>
    public static async Task<T> WithoutJitAsync<T>(AppDbContext db, Func<Task<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(read);
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null) return await read();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        var result = await read();
        await transaction.CommitAsync(ct);
        return result;
    }

    private static readonly string[] LeadingColumns = [nameof(DossierRow.CompetentUnitId), nameof(DossierRow.ProcedureId), nameof(DossierRow.Id)];

    /// <summary>The query itself, in two steps. First each dossier is projected to a <see cref="DossierRow"/>: the plain
    /// columns the conditions read, and every distinct costly part of them (an EXISTS or aggregate over the dossier's
    /// rows, the timeliness CASE) evaluated once as a column of a derived table. Then the named conditions, rewritten
    /// over that row, are grouped and summed. Without the first step PostgreSQL evaluates the same EXISTS and CASE again
    /// in every counter that contains it (it has no common-subexpression elimination), dozens of probes per dossier.</summary>
    public static IQueryable<Sums> Aggregate(IQueryable<Dossier> dossiers, IReadOnlyList<Expression<Func<Dossier, bool>>> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        if (counters.Count > MaxCounters) throw new ArgumentOutOfRangeException(nameof(counters), "Too many counters.");
        var d = Expression.Parameter(typeof(Dossier), "d");
        var r = Expression.Parameter(typeof(DossierRow), "r");
        var lift = new Lift(d, r);
        var bodies = new List<Expression>();
        for (var i = 0; i < MaxCounters; i++)
            bodies.Add(i < counters.Count ? lift.Visit(DossierRules.Bind(counters[i], d))! : Expression.Constant(false));

        // The grouping key first, then the id: PostgreSQL sorts for DISTINCT by the columns in this order, so the sorted
        // rows already come grouped (no second sort for GROUP BY), and no comparison looks past the id, which is unique.
        var rowBindings = new List<MemberBinding>();
        foreach (var column in lift.Columns.OrderBy(c => Array.IndexOf(LeadingColumns, c) is var i and >= 0 ? i : LeadingColumns.Length))
            rowBindings.Add(Expression.Bind(typeof(DossierRow).GetProperty(column)!, Expression.Property(d, column)));
        foreach (var (atom, slot) in lift.Atoms)
            rowBindings.Add(Expression.Bind(typeof(DossierRow).GetProperty(slot)!, atom));
        var row = Expression.Lambda<Func<Dossier, DossierRow>>(Expression.MemberInit(Expression.New(typeof(DossierRow)), rowBindings), d);

        // Distinct (over rows that include the dossier's id, so no two are equal) makes EF compute the row's slots inside
        // the derived table and keeps PostgreSQL and SQLite from flattening it into the outer query; with a plain
        // projection (or Take) EF re-expands each slot inside every SUM, so each EXISTS runs once per counter again.
        var grouped = dossiers.Select(row).Distinct().GroupBy(x => new { x.CompetentUnitId, x.ProcedureId });
        return grouped.Select(SumsOf(grouped, r, bodies));
    }

    /// <summary>g => new Sums { UnitId = g.Key…, C00 = g.Sum(r => condition0 ? 1 : 0), … }.</summary>
    private static Expression<Func<IGrouping<TKey, DossierRow>, Sums>> SumsOf<TKey>(IQueryable<IGrouping<TKey, DossierRow>> groups, ParameterExpression r, List<Expression> bodies)
    {
        _ = groups;
        var g = Expression.Parameter(typeof(IGrouping<TKey, DossierRow>), "g");
        var key = Expression.Property(g, nameof(IGrouping<TKey, DossierRow>.Key));
        var sum = typeof(Enumerable).GetMethods()
            .Single(m => m.Name == nameof(Enumerable.Sum) && m.IsGenericMethodDefinition && m.GetParameters()[1].ParameterType == typeof(Func<,>).MakeGenericType(m.GetGenericArguments()[0], typeof(int)))
            .MakeGenericMethod(typeof(DossierRow));
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(typeof(Sums).GetProperty(nameof(Sums.UnitId))!, Expression.Property(key, nameof(DossierRow.CompetentUnitId))),
            Expression.Bind(typeof(Sums).GetProperty(nameof(Sums.ProcedureId))!, Expression.Property(key, nameof(DossierRow.ProcedureId))),
        };
        for (var i = 0; i < bodies.Count; i++)
        {
            var one = Expression.Lambda<Func<DossierRow, int>>(Expression.Condition(bodies[i], Expression.Constant(1), Expression.Constant(0)), r);
            bindings.Add(Expression.Bind(typeof(Sums).GetProperty($"C{i:00}")!, Expression.Call(sum, g, one)));
        }
        return Expression.Lambda<Func<IGrouping<TKey, DossierRow>, Sums>>(Expression.MemberInit(Expression.New(typeof(Sums)), bindings), g);
    }
}

/// <summary>Rewrites a condition over a dossier into one over <see cref="DossierRow"/>: a plain column of the dossier becomes
/// the row's column of the same name; a costly part (a LINQ operator over the dossier's rows, or a non-boolean CASE
/// such as the timeliness class) becomes a slot of the row, the same slot for every equal part, so it is computed once.</summary>
internal sealed class Lift(ParameterExpression d, ParameterExpression r) : ExpressionVisitor
{
    private readonly Dictionary<Expression, string> _atoms = new(ExpressionEqualityComparer.Instance);
    private readonly SortedSet<string> _columns = new(StringComparer.Ordinal) { nameof(DossierRow.Id), nameof(DossierRow.CompetentUnitId), nameof(DossierRow.ProcedureId) };
    private int _bools;
    private int _classes;

    public IEnumerable<string> Columns => _columns;
    public IEnumerable<(Expression Atom, string Slot)> Atoms => _atoms.Select(a => (a.Key, a.Value));

    public override Expression? Visit(Expression? node)
    {
        if (node is null || !IsAtom(node)) return base.Visit(node);
        if (!_atoms.TryGetValue(node, out var slot))
        {
            slot = node.Type == typeof(bool) ? $"B{_bools++:00}" : node.Type == typeof(TimelinessClass) ? $"T{_classes++}" : null;
            if (slot is null || typeof(DossierRow).GetProperty(slot) is null)
                throw new InvalidOperationException($"The scorecard's row has no slot left for {node}.");
            _atoms[node] = slot;
        }
        return Expression.Property(r, slot);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Expression != d) return base.VisitMember(node);
        if (typeof(DossierRow).GetProperty(node.Member.Name) is not { } column || column.PropertyType != node.Type)
            throw new InvalidOperationException($"The scorecard's row has no column {node.Member.Name}: add it to {nameof(DossierRow)}.");
        _columns.Add(column.Name);
        return Expression.Property(r, column);
    }

    private bool IsAtom(Expression node) => node switch
    {
        MethodCallExpression call => (call.Method.DeclaringType == typeof(Enumerable) || call.Method.DeclaringType == typeof(Queryable))
            && Uses(call, d) && !(call.Method.Name == nameof(Enumerable.Contains) && !Uses(call.Arguments[0], d)),
        ConditionalExpression when node.Type != typeof(bool) => Uses(node, d),
        _ => false,
    };

    private static bool Uses(Expression e, ParameterExpression p)
    {
        var finder = new Finder(p);
        finder.Visit(e);
        return finder.Found;
    }

    private sealed class Finder(ParameterExpression p) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == p;
            return node;
        }
    }
}

/// <summary>One dossier as the aggregate's inner derived table: the plain columns the conditions read (named as on
/// <see cref="Dossier"/>) and the slots of their costly parts, each evaluated once per dossier.</summary>
public sealed class DossierRow
{
    public Guid Id { get; init; }
    public Guid CompetentUnitId { get; init; }
    public Guid ProcedureId { get; init; }
    public Guid ProcedureVersionId { get; init; }
    public Channel Channel { get; init; }
    public Catalog.OnlineLevel SubmissionLevel { get; init; }
    public DossierStatus Status { get; init; }
    public bool IdentityVerified { get; init; }
    public DateTime? ReceivedAtUtc { get; init; }
    public DateTime? DueAtUtc { get; init; }
    public DateTime? ProcessingEndedAtUtc { get; init; }
    public ReturnMethod? ReturnMethod { get; init; }
    public int SupplementCount { get; init; }
    public SyncState SyncState { get; init; }
    public bool B00 { get; init; }
    public bool B01 { get; init; }
    public bool B02 { get; init; }
    public bool B03 { get; init; }
    public bool B04 { get; init; }
    public bool B05 { get; init; }
    public bool B06 { get; init; }
    public bool B07 { get; init; }
    public bool B08 { get; init; }
    public bool B09 { get; init; }
    public bool B10 { get; init; }
    public bool B11 { get; init; }
    public bool B12 { get; init; }
    public bool B13 { get; init; }
    public bool B14 { get; init; }
    public bool B15 { get; init; }
    public bool B16 { get; init; }
    public bool B17 { get; init; }
    public bool B18 { get; init; }
    public bool B19 { get; init; }
    public TimelinessClass T0 { get; init; }
    public TimelinessClass T1 { get; init; }
    public TimelinessClass T2 { get; init; }
    public TimelinessClass T3 { get; init; }
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
