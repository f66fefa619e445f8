using System.Text.RegularExpressions;
using MotCua.Tests.Browser;

namespace MotCua.Tests.Architecture;

/// <summary>A posted form whose tag names its own <c>action</c> gets no antiforgery token from the form tag helper (it is
/// treated as a plain HTML form), and the app refuses its post with a bare 400. The page tests did not see it: they took
/// the token of the layout's sign-out form, which a browser does not send with another form. So every such form must ask
/// for the token (<c>asp-antiforgery="true"</c>) or write it (<c>@Html.AntiForgeryToken()</c>).</summary>
public sealed partial class FormAntiforgeryTests
{
    [GeneratedRegex(@"<form\b[^>]*>", RegexOptions.IgnoreCase)] private static partial Regex FormTag();
    [GeneratedRegex(@"\bmethod\s*=\s*""post""", RegexOptions.IgnoreCase)] private static partial Regex PostMethod();
    [GeneratedRegex(@"\saction\s*=", RegexOptions.IgnoreCase)] private static partial Regex ActionAttribute();

    [Fact]
    public void EveryPostedFormWithItsOwnAction_CarriesTheAntiforgeryToken()
    {
        var pages = Path.Combine(RepositoryRoot.Path, "src", "MotCua.Web", "Pages");
        var checkedForms = 0;
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match tag in FormTag().Matches(text))
            {
                if (!PostMethod().IsMatch(tag.Value) || !ActionAttribute().IsMatch(tag.Value)) continue;
                checkedForms++;
                var end = text.IndexOf("</form>", tag.Index, StringComparison.OrdinalIgnoreCase);
                var body = end < 0 ? text[tag.Index..] : text[tag.Index..end];
                if (tag.Value.Contains("asp-antiforgery=\"true\"", StringComparison.Ordinal) || body.Contains("@Html.AntiForgeryToken()", StringComparison.Ordinal)) continue;
                var line = text[..tag.Index].Count(c => c == '\n') + 1;
                missing.Add($"{Path.GetRelativePath(pages, file)}:{line}");
            }
        }
        checkedForms.ShouldBeGreaterThan(5, "the scan should find the posted forms that name their action");
        missing.ShouldBeEmpty("These forms post without the antiforgery token and are refused with 400 in a browser: add asp-antiforgery=\"true\".");
    }
}
