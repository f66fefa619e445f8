using MotCua.Web.Features.Processing;
using MotCua.Web.Features.Reception;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>Registers the dossier's use cases (reception, processing, lists) and maps them under /api/dossiers.</summary>
public static class DossiersModule
{
    public static IServiceCollection AddDossiers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddSingleton<UnitTree>();
        services.AddOptions<ReceptionOptions>().Bind(configuration.GetSection(ReceptionOptions.SectionName));
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.SectionName));
        services.AddSingleton<FileIntake>();
        return services
            .AddScoped<IntakeBuilder>()
            .AddScoped<DossierCodeGenerator>()
            .AddScoped<DossierActions>()
            .AddScoped<FileActions>()
            .AddScoped<ListDossiers.Handler>()
            .AddScoped<GetDossier.Handler>()
            .AddScoped<ReceiveInPerson.Handler>()
            .AddScoped<SubmitOnline.Handler>()
            .AddScoped<ReceiveOnline.Handler>()
            .AddScoped<RefuseDossier.Handler>()
            .AddScoped<RequestSupplement.Handler>()
            .AddScoped<RecordSupplement.Handler>()
            .AddScoped<DigitizeComponent.Handler>()
            .AddScoped<RefuseInPerson.Handler>()
            .AddScoped<FindApplicant.Handler>()
            .AddScoped<GetDeskProcedure.Handler>()
            .AddScoped<CompetentUnitChoices.Handler>()
            .AddScoped<GetOnlineReception.Handler>()
            .AddScoped<StartProcessing.Handler>()
            .AddScoped<TransferDossier.Handler>()
            .AddScoped<AssignDossier.Handler>()
            .AddScoped<RequestCoordination.Handler>()
            .AddScoped<AnswerCoordination.Handler>()
            .AddScoped<UploadDraft.Handler>()
            .AddScoped<SubmitForApproval.Handler>()
            .AddScoped<ApproveDossier.Handler>()
            .AddScoped<SendBackDossier.Handler>()
            .AddScoped<IssueResult.Handler>()
            .AddScoped<FinancialObligation.Handler>()
            .AddScoped<RecordPayment.Handler>()
            .AddScoped<ReturnResult.Handler>()
            .AddScoped<Apologize.Handler>()
            .AddScoped<StopOrWithdraw.Handler>();
    }

    public static IEndpointRouteBuilder MapDossiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers");
        ListDossiers.Map(group);
        GetDossier.Map(group);
        ReceiveInPerson.Map(group);
        ReceiveOnline.Map(group);
        RefuseDossier.Map(group);
        RequestSupplement.Map(group);
        RecordSupplement.Map(group);
        DigitizeComponent.Map(group);
        RefuseInPerson.Map(group);
        StartProcessing.Map(group);
        TransferDossier.Map(group);
        AssignDossier.Map(group);
        RequestCoordination.Map(group);
        AnswerCoordination.Map(group);
        UploadDraft.Map(group);
        SubmitForApproval.Map(group);
        ApproveDossier.Map(group);
        SendBackDossier.Map(group);
        IssueResult.Map(group);
        FinancialObligation.Map(group);
        RecordPayment.Map(group);
        ReturnResult.Map(group);
        Apologize.Map(group);
        StopOrWithdraw.Map(group);
        return app;
    }
}
