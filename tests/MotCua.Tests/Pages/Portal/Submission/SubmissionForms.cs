using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Pages.Portal.Submission;

/// <summary>Drives the submission pages as a browser does: starts from what the page rendered (its fields, the
/// antiforgery token inside the form), changes what the citizen would touch, and presses a button.</summary>
internal static class SubmissionForms
{
    public static readonly byte[] Pdf = MotCua.Tests.Infrastructure.TestPdf.OnePage;

    /// <summary>A Windows program renamed to look like a PDF.</summary>
    public static readonly byte[] Executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string DraftUrl(Guid draftId) => $"/nop-ho-so/nhap/{draftId}";

    /// <summary>Chooses the place (the ward the test world's desk serves) and starts a draft; returns its id.</summary>
    public static async Task<Guid> StartAsync(OfficeClient client, TestData.World world, string procedure = SubmissionApp.WithEForm, bool onBehalf = false)
    {
        var fields = new Dictionary<string, string> { ["PlaceId"] = world.CommuneId.ToString() };
        if (onBehalf) fields["OnBehalfOfAnother"] = "true";
        var response = await client.PostFormAsync($"/nop-ho-so/{procedure}", $"/nop-ho-so/{procedure}", fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new ShouldAssertException($"Start of {procedure}: {(int)response.StatusCode} {await AlertAsync(response)}");
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/nop-ho-so/nhap/");
        return Guid.Parse(location["/nop-ho-so/nhap/".Length..]);
    }

    /// <summary>The draft form's values as the page rendered them: checked boxes only, no buttons or files.</summary>
    public static Dictionary<string, string> FieldsOf(IHtmlDocument page) => Office.Reception.ReceptionForms.FieldsOf(page, "#draft-form");

    /// <summary>A complete, valid e-form for <see cref="SubmissionApp.Fields"/>.</summary>
    public static void FillEForm(Dictionary<string, string> fields)
    {
        fields["Form[lyDo]"] = "Về ở cùng gia đình";
        fields["Form[ngayChuyenDen]"] = "2026-11-01";
        fields["Form[soNguoi]"] = "4";
        fields["Form[cccdChuHo]"] = "001160000009";
        fields["Form[dienThoaiChuHo]"] = "0912 345 678";
        fields["Form[thuChuHo]"] = "chuho@example.vn";
        fields["Form[quanHe]"] = "Con";
        fields["Form[ghiChu]"] = "Nhà thuê dài hạn";
        fields["Form[chuHoDongY]"] = "true";
    }

    /// <summary>Where the button that runs <paramref name="handler"/> posts the form (the first one, or the one whose
    /// action also contains <paramref name="containing"/>).</summary>
    public static string ActionOf(IHtmlDocument page, string handler, string? containing = null) =>
        page.QuerySelectorAll("#draft-form button[formaction]").Select(b => b.GetAttribute("formaction")!)
            .FirstOrDefault(a => (a.EndsWith("handler=" + handler, StringComparison.Ordinal) || a.Contains("handler=" + handler + "&", StringComparison.Ordinal))
                                 && (containing is null || a.Contains(containing, StringComparison.Ordinal)))
        ?? throw new InvalidOperationException($"No button posts to handler {handler} {containing}");

    public static async Task<HttpResponseMessage> PostAsync(OfficeClient client, string action, Dictionary<string, string> fields,
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

    /// <summary>Opens the draft, lets <paramref name="change"/> edit the fields, and presses the button of <paramref name="handler"/>.</summary>
    public static async Task<HttpResponseMessage> PressAsync(OfficeClient client, Guid draftId, string handler, Action<Dictionary<string, string>>? change = null,
        params (string Field, string FileName, byte[] Bytes)[] files)
    {
        var page = await client.GetPageAsync(DraftUrl(draftId));
        var fields = FieldsOf(page);
        change?.Invoke(fields);
        return await PostAsync(client, ActionOf(page, handler), fields, files);
    }

    public static string FileField(string componentCode) => $"Files[{componentCode}]";

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await OfficeClient.ParseAsync(await response.Content.ReadAsStringAsync(Ct));

    public static async Task<string?> AlertAsync(HttpResponseMessage response) =>
        (await ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent.Trim();

    /// <summary>The receipt the response redirects to; on any other answer, the page's alert says why.</summary>
    public static async Task<string> ReceiptCodeAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new ShouldAssertException($"Expected a redirect to the receipt, got {(int)response.StatusCode}: {await AlertAsync(response)}");
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/nop-ho-so/bien-nhan/");
        return Uri.UnescapeDataString(location["/nop-ho-so/bien-nhan/".Length..]);
    }
}
