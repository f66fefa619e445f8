namespace MotCua.Web.Features.Scorecard;

/// <summary>The 766 scorecard (Decision 766/QĐ-TTg): a unit's indicators, groups and total for any period, the lost
/// points explained, and the export (/api/scorecard, /office/scorecard). Read-only: it counts what the other features
/// record, in the database.</summary>
public static class ScorecardModule
{
    public static IServiceCollection AddScorecard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScorecardOptions>().Bind(configuration.GetSection(ScorecardOptions.SectionName))
            .Validate(o => o.MaxPeriodDays >= 1 && o.PublishingWorkingDays >= 0 && o.RankingCacheSeconds >= 0 && o.Thresholds.Values.All(t => t is > 0 and <= 1),
                "Scorecard: MaxPeriodDays ≥ 1, PublishingWorkingDays ≥ 0, RankingCacheSeconds ≥ 0, thresholds in (0, 1].")
            .ValidateOnStart();
        return services
            .AddScoped<GetScorecard.Handler>()
            .AddScoped<ListLostPoints.Handler>()
            .AddScoped<IndicatorMeasures>()
            .AddScoped<GetRanking.Handler>();
    }

    public static IEndpointRouteBuilder MapScorecard(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scorecard").WithTags("Scorecard");
        GetScorecard.Map(group);
        ListLostPoints.Map(group);
        return app;
    }
}
