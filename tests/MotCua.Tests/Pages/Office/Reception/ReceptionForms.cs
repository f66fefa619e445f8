using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages.Office.Reception;

/// <summary>Fills and posts the reception pages' forms as a browser would: starting from what the page rendered
/// (hidden fields, defaults, the antiforgery token), changing only what the official would touch.</summary>
internal static class ReceptionForms
{
    public static readonly byte[] Pdf = MotCua.Tests.Infrastructure.TestPdf.OnePage;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The values the form would submit untouched: checked boxes only, selected options, no buttons or files.</summary>
    public static Dictionary<string, string> FieldsOf(IHtmlDocument page, string formSelector)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector}");
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is "submit" or "button" or "file":
                    break;
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields[input.Name!] = input.Value;
                    break;
                case IHtmlInputElement { Name.Length: > 0 } input:
                    fields[input.Name!] = input.Value;
                    break;
                case IHtmlSelectElement { Name.Length: > 0 } select:
                    fields[select.Name!] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement { Name.Length: > 0 } area:
                    fields[area.Name!] = area.Value;
                    break;
            }
        }
        return fields;
    }

    /// <summary>Where the button whose handler is <paramref name="handler"/> posts the form.</summary>
    public static string ActionOf(IHtmlDocument page, string handler) =>
        page.QuerySelectorAll("button[formaction]").Select(b => b.GetAttribute("formaction")!)
            .FirstOrDefault(a => a.EndsWith("handler=" + handler, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No button posts to handler {handler}");

    /// <summary>The row index of a component in the desk form, found by its hidden requirement code.</summary>
    public static int RowOf(IHtmlDocument page, string requirementCode)
    {
        var hidden = page.QuerySelectorAll("input[type=hidden][name$='.Code']").Single(i => i.GetAttribute("value") == requirementCode);
        var name = hidden.GetAttribute("name")!;
        var open = name.IndexOf('[', StringComparison.Ordinal);
        return int.Parse(name[(open + 1)..name.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<HttpResponseMessage> PostMultipartAsync(OfficeClient client, string action, Dictionary<string, string> fields,
        params (string Field, string FileName, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        foreach (var (field, fileName, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, field, fileName);
        }
        return await client.Http.PostAsync(action, form, Ct);
    }
}
