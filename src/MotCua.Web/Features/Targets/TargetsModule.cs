namespace MotCua.Web.Features.Targets;

/// <summary>Targets, campaigns and plan tasks (chỉ tiêu, chiến dịch, nhiệm vụ của kế hoạch): the yearly targets of a unit
/// with their progress and pace, campaigns with their weekly table, and the tasks of a plan with their evidence
/// (docs/adr/0030c). Pages under /office/targets.</summary>
public static class TargetsModule
{
    public static IServiceCollection AddTargets(this IServiceCollection services)
    {
        return services
            .AddScoped<TargetsAccess>()
            .AddScoped<MetricMeasures>()
            .AddScoped<GetTargetProgress.Handler>()
            .AddScoped<SetTargets.Handler>()
            .AddScoped<ImportTargets.Handler>()
            .AddScoped<CreateCampaign.Handler>()
            .AddScoped<ListCampaigns.Handler>()
            .AddScoped<GetCampaign.Handler>()
            .AddScoped<CreatePlanTask.Handler>()
            .AddScoped<ListPlanTasks.Handler>()
            .AddScoped<GetPlanTask.Handler>()
            .AddScoped<UpdatePlanTask.Handler>()
            .AddScoped<EditCampaign.Handler>()
            .AddScoped<DeleteCampaign.Handler>()
            .AddScoped<EditPlanTask.Handler>()
            .AddScoped<CancelPlanTask.Handler>()
            .AddScoped<DeletePlanTask.Handler>();
    }

    public static IEndpointRouteBuilder MapTargets(this IEndpointRouteBuilder app)
    {
        GetTargetProgress.Map(app);
        SetTargets.Map(app);
        ImportTargets.Map(app);
        ListCampaigns.Map(app);
        CreateCampaign.Map(app);
        GetCampaign.Map(app);
        ListPlanTasks.Map(app);
        CreatePlanTask.Map(app);
        GetPlanTask.Map(app);
        UpdatePlanTask.Map(app);
        EditCampaign.Map(app);
        DeleteCampaign.Map(app);
        EditPlanTask.Map(app);
        CancelPlanTask.Map(app);
        DeletePlanTask.Map(app);
        return app;
    }
}
