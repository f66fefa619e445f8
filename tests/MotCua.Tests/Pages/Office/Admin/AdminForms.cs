using System.Net;
using AngleSharp.Html.Dom;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages.Office.Admin;

/// <summary>Submits a page's form as a browser would: every field as the page rendered it (hidden fields and the
/// antiforgery token included, checkboxes only when ticked), with some values changed.</summary>
internal static class AdminForms
{
    /// <param name="changes">Field name → the values to send instead (an empty array sends none: an unticked box).</param>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this OfficeClient client, string pageUrl, string formSelector, Dictionary<string, string[]>? changes = null)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
                   ?? throw new InvalidOperationException($"{pageUrl} has no form {formSelector}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "submit" or "button" or "file") break;
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    if (selected is not null) fields.Add(new(select.Name!, selected.Value));
                    break;
                case IHtmlTextAreaElement textArea when !string.IsNullOrEmpty(textArea.Name):
                    fields.Add(new(textArea.Name!, textArea.Value));
                    break;
            }
        }
        foreach (var (name, values) in changes ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return await client.Http.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    /// <summary>The page a successful post redirected to, or the page it answered with (a refused post).</summary>
    public static async Task<IHtmlDocument> PageAfterAsync(this OfficeClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect) return await client.GetPageAsync(response.Headers.Location!.ToString());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static string? ErrorText(this IHtmlDocument page) => page.QuerySelector(".alert.error")?.TextContent.Trim();

    public static string? NoticeText(this IHtmlDocument page) => page.QuerySelector(".alert.success")?.TextContent.Trim();

    public static string[] V(params string[] values) => values;
}
