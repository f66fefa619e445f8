using System.Security.Cryptography.Pkcs;
using System.Text;
using PdfSharp.Drawing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.AcroForms.Fields;
using UglyToad.PdfPig.Tokens;

namespace MotCua.Tests.Features.Signatures;

/// <summary>Reads a signed PDF without the app's verifier: PdfPig finds the signature fields and their dictionaries,
/// SignedCms checks the CMS over the byte range.</summary>
public static class IndependentCheck
{
    public sealed record Found(string SubFilter, long[] ByteRange, SignedCms Cms, DateTimeOffset SigningTime, bool AppearanceFontIsEmbedded);

    public static Found Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        document.TryGetForm(out var form).ShouldBeTrue();
        var field = form.Fields.OfType<AcroSignatureField>().ShouldHaveSingleItem();
        var value = Resolve(document, field.Dictionary.Data["V"]).ShouldBeOfType<DictionaryToken>();
        var subFilter = ((NameToken)value.Data["SubFilter"]).Data;
        var range = ((ArrayToken)Resolve(document, value.Data["ByteRange"])).Data.Select(t => (long)((NumericToken)t).Long).ToArray();
        range[0].ShouldBe(0);
        (range[2] + range[3]).ShouldBe(pdf.Length, "the range covers the whole file");
        var contents = value.Data["Contents"] is HexToken hex ? hex.Bytes.ToArray() : ((StringToken)value.Data["Contents"]).GetBytes();
        (range[2] - range[1]).ShouldBe(contents.Length * 2 + 2, "only /Contents is left out");
        var cms = Cms(pdf, range);
        cms.CheckSignature(verifySignatureOnly: true);

        var m = ((StringToken)value.Data["M"]).Data;
        var time = new DateTimeOffset(DateTime.ParseExact(m[2..16], "yyyyMMddHHmmss", null), TimeSpan.FromHours(int.Parse(m[17..19], null)));

        var widget = field.Dictionary;
        var appearance = Resolve(document, ((DictionaryToken)Resolve(document, widget.Data["AP"])).Data["N"]).ShouldBeOfType<StreamToken>();
        var fonts = (DictionaryToken)Resolve(document, ((DictionaryToken)Resolve(document, appearance.StreamDictionary.Data["Resources"])).Data["Font"]);
        var embedded = fonts.Data.Values.Select(f => (DictionaryToken)Resolve(document, f)).All(font =>
        {
            var descendant = font.Data.TryGetValue("DescendantFonts", out var d) ? (DictionaryToken)Resolve(document, ((ArrayToken)Resolve(document, d)).Data[0]) : font;
            var descriptor = (DictionaryToken)Resolve(document, descendant.Data["FontDescriptor"]);
            // Type0 fonts (Vietnamese text) carry a ToUnicode map; PDFsharp writes plain Latin lines as simple TrueType.
            return ((NameToken)font.Data["BaseFont"]).Data.Replace(" ", "", StringComparison.Ordinal).Contains("NotoSans", StringComparison.Ordinal)
                && descriptor.Data.ContainsKey("FontFile2")
                && (!font.Data.ContainsKey("DescendantFonts") || font.Data.ContainsKey("ToUnicode"));
        }) && fonts.Data.Count > 0;
        return new Found(subFilter, range, cms, time, embedded);
    }

    public static IEnumerable<long[]> Ranges(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        document.TryGetForm(out var form).ShouldBeTrue();
        return [.. form.Fields.OfType<AcroSignatureField>().Select(f =>
        {
            var value = (DictionaryToken)Resolve(document, f.Dictionary.Data["V"]);
            return ((ArrayToken)Resolve(document, value.Data["ByteRange"])).Data.Select(t => (long)((NumericToken)t).Long).ToArray();
        })];
    }

    public static SignedCms Cms(byte[] pdf, long[] range)
    {
        var content = pdf.AsSpan(0, (int)range[1]).ToArray().Concat(pdf.AsSpan((int)range[2], (int)range[3]).ToArray()).ToArray();
        var padded = Convert.FromHexString(Encoding.ASCII.GetString(pdf, (int)range[1] + 1, (int)(range[2] - range[1] - 2)));
        // /Contents is zero-padded after the DER value.
        System.Formats.Asn1.AsnDecoder.ReadEncodedValue(padded, System.Formats.Asn1.AsnEncodingRules.DER, out _, out _, out var length);
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.Decode(padded.AsSpan(0, length));
        return cms;
    }

    private static IToken Resolve(PdfDocument document, IToken token) =>
        token is IndirectReferenceToken r ? document.Structure.GetObject(r.Data).Data : token;
}

/// <summary>A one-page PDF with Vietnamese text, as the app's own documents are written (PDFsharp, Noto Sans).</summary>
public static class SamplePdf
{
    public static byte[] Make(string text)
    {
        MotCua.Web.Features.Reports.NotoFonts.Prepare(null).ShouldBeNull("fonts-noto-core must be installed");
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
            gfx.DrawString(text, new XFont(MotCua.Web.Features.Reports.NotoFonts.Family, 14), XBrushes.Black, new XPoint(60, 80));
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
