using System.Globalization;

namespace MotCua.Web.Pages.Office.Dashboard;

/// <summary>Server-drawn SVG charts: no script, readable without colour (every bar and slice carries its value as text,
/// and the chart's description lists them all for screen readers).</summary>
public static class Charts
{
    public sealed record Bar(string Label, int Value, string Css);

    public sealed record Bars(string Id, string Title, IReadOnlyList<Bar> Items)
    {
        public int Max => Math.Max(1, Items.Max(i => i.Value));
        public int Total => Items.Sum(i => i.Value);

        /// <summary>"Trước hạn: 3; Đúng hạn: 2; …" with each item's share of the total.</summary>
        public string Description => string.Join("; ", Items.Select(i => $"{i.Label}: {i.Value.ToString(CultureInfo.InvariantCulture)}{Share(i)}"));

        public string Share(Bar item) => Total == 0 ? "" : " (" + (item.Value * 100.0 / Total).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN")) + "%)";
    }

    /// <summary>Number formatting for SVG attributes (a dot, whatever the culture).</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
