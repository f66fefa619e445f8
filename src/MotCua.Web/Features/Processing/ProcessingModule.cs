namespace MotCua.Web.Features.Processing;

/// <summary>Processing a received dossier: hand-over, assignment, coordination, draft, approval, issuing, fees,
/// returning the result, apology, stop and withdrawal. Mapped under /api/dossiers beside the dossier's own endpoints.</summary>
public static class ProcessingModule
{
    public static IServiceCollection AddProcessing(this IServiceCollection services) => services
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

    public static IEndpointRouteBuilder MapProcessing(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers");
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
