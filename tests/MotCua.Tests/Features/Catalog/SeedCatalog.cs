using MotCua.Web.Features.Catalog;

namespace MotCua.Tests.Features.Catalog;

/// <summary>The seed catalog shipped in the app, loaded once for the tests that check it or use its real fees.</summary>
internal static class SeedCatalog
{
    private static readonly Lazy<IReadOnlyList<CatalogEntry>> Loaded = new(ImportCatalog.LoadSeed);

    public static IReadOnlyList<CatalogEntry> Entries => Loaded.Value;

    public static ProcedureContent Content(string code) => Entries.Single(e => e.Code == code).Content;

    public static FeeItem Fee(string code) => Content(code).Fees.Single();
}
