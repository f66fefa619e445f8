using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Pages.Office.Dossiers;

/// <summary>One page of a dossier list as a table (the _DossierTable partial). Compact leaves out the columns
/// a 1366-pixel home page has no room for.</summary>
public sealed record DossierTable(
    IReadOnlyList<ListDossiers.Item> Items,
    string? Caption = null,
    string? LabelledBy = null,
    bool Compact = false,
    string Empty = "Không có hồ sơ nào.");
