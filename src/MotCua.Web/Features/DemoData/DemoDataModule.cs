namespace MotCua.Web.Features.DemoData;

/// <summary>The demo province's generator, run by the <c>seed-demo</c> command and on a first start when
/// <c>DemoData:SeedOnFirstStart</c> is set.</summary>
public static class DemoDataModule
{
    public static IServiceCollection AddDemoData(this IServiceCollection services) => services.AddScoped<DemoDataGenerator>();
}
