using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;

namespace MotCua.Web.Features.Scorecard;

/// <summary>The 766 totals of the units directly under a unit, ranked, for the dashboard: the scorecard of the parent
/// (<see cref="GetScorecard"/>, the same computation), kept per (unit, period) for
/// <see cref="ScorecardOptions.RankingCacheSeconds"/> so that a province's dashboard, opened by many officials and
/// refreshed, does not recount a year of dossiers on every visit (docs/adr/0032e). Kept in each node's memory: a
/// ranking a few minutes old is what the page says it is, and nothing is written.</summary>
public static class GetRanking
{
    /// <param name="ComputedAtUtc">When the totals were counted; the page states it.</param>
    /// <param name="FreshFor">How long a ranking is reused after it was counted.</param>
    public sealed record Result(IReadOnlyList<GetScorecard.Child> Children, DateTime ComputedAtUtc, TimeSpan FreshFor);

    private sealed record Entry(Result Result);

    public sealed class Handler(
        GetScorecard.Handler scorecards, IMemoryCache cache, CurrentUser user, UnitTree units, TimeProvider clock, IOptions<ScorecardOptions> options)
    {
        public async Task<Result> HandleAsync(string? unit, string? from, string? to, CancellationToken ct)
        {
            var o = options.Value;
            // The official's reach is checked on every visit, cached or not: the cache is shared by everyone who may see the unit.
            var period = await ScorecardPeriod.ResolveAsync(unit, from, to, user, units, o, ct);
            var fresh = TimeSpan.FromSeconds(o.RankingCacheSeconds);
            var key = (nameof(GetRanking), period.Unit.Id, period.From, period.To);
            var now = clock.GetUtcNow().UtcDateTime;
            if (fresh > TimeSpan.Zero && cache.TryGetValue(key, out Entry? hit) && hit is not null && now - hit.Result.ComputedAtUtc < fresh)
                return hit.Result;
            var card = await scorecards.HandleAsync(period.Unit.AgencyCode, ScorecardPeriod.Format(period.From), ScorecardPeriod.Format(period.To), ct);
            var result = new Result(card.Children, now, fresh);
            if (fresh > TimeSpan.Zero)
                cache.Set(key, new Entry(result), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = fresh * 2, Size = 1 });
            return result;
        }
    }
}
