using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Features.Units;

/// <summary>The administrator's use cases behind the office pages at /office/admin: units and officials' accounts,
/// procedure versions and the online-only list. One registration for the whole administration, so that it can be
/// switched on (and reviewed) as one piece.</summary>
public static class AdministrationModule
{
    public const string PagesFolder = "/Office/Admin";

    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<CreateUnit.Handler>();
        services.AddScoped<RenameUnit.Handler>();
        services.AddScoped<ReissueUnitCode.Handler>();
        services.AddScoped<ListOfficials.Handler>();
        services.AddScoped<CreateOfficial.Handler>();
        services.AddScoped<UpdateOfficial.Handler>();
        services.AddScoped<ResetOfficialPassword.Handler>();
        services.AddScoped<LockOfficial.Handler>();
        services.AddScoped<BrowseCatalog.Handler>();
        services.AddScoped<GetProcedureHistory.Handler>();
        services.AddScoped<PublishProcedureVersion.Handler>();
        services.AddScoped<SetOnlineOnlyPilot.Handler>();
        // Every page of the folder, including one added later without the attribute, is for administrators.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder(PagesFolder, nameof(OfficialRole.Administrator)));
        return services;
    }
}
