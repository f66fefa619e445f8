using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MotCua.Web.Infrastructure;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace MotCua.Web.Features.Signatures;

/// <summary>Signs a PDF as PAdES (ETSI EN 319 142-1 baseline B-B): an incremental update appended to the file as it is,
/// so earlier signatures stay valid, holding a signature field on the last page with a visible block
/// (<see cref="SignatureAppearance"/>), a signature dictionary /Adobe.PPKLite /ETSI.CAdES.detached whose /ByteRange covers
/// the whole file but its /Contents, and in /Contents a detached CMS (<see cref="CmsWriter"/>). PDFsharp 6.2 signs only by
/// saving the whole document again and writes /adbe.pkcs7.detached, so the update is written here (docs/adr/0033a): the
/// objects are read and written with PdfPig's tokens, the block is drawn by PDFsharp.</summary>
public static class PadesWriter
{
    /// <summary>Room for the CMS in /Contents: the signature, the signer's certificate and its chain (a few kB each).</summary>
    private const int ContentsBytes = 16 * 1024;
    private const string ByteRangePlaceholder = "/ByteRange [0 0000000000 0000000000 0000000000]";
    private const double Margin = 36;

    public static async Task<byte[]> SignAsync(byte[] pdf, ISigningKey key, SignatureAppearance appearance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(appearance);
        var update = Prepare(pdf, appearance);
        var file = update.File;
        var ranges = new byte[update.ContentsStart + (file.Length - update.ContentsEnd)];
        file.AsSpan(0, update.ContentsStart).CopyTo(ranges);
        file.AsSpan(update.ContentsEnd).CopyTo(ranges.AsSpan(update.ContentsStart));
        var cms = await CmsWriter.WriteAsync(ranges, key, ct);
        if (cms.Length > ContentsBytes) throw new DomainException("Chữ ký số quá lớn (chuỗi chứng thư quá dài); chưa ký được văn bản.");
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(cms));
        hex.CopyTo(file, update.ContentsStart + 1);
        return file;
    }

    private sealed record Update(byte[] File, int ContentsStart, int ContentsEnd);

    private static Update Prepare(byte[] pdf, SignatureAppearance appearance)
    {
        PigDocument document;
        try
        {
            document = PigDocument.Open(pdf);
        }
#pragma warning disable CA1031 // Any failure of the reader means the same thing to the signer: not a PDF it can sign.
        catch (Exception)
        {
            throw new DomainException("Chỉ ký được tệp PDF; tệp này không đọc được như một tài liệu PDF.");
        }
#pragma warning restore CA1031
        using (document)
        {
            var trailer = document.Structure.Trailer;
            if (trailer.EncryptionToken is not null) throw new DomainException("Không ký được tệp PDF có mật khẩu hoặc đã mã hóa.");
            var previousXref = LastStartXref(pdf);
            var xrefIsStream = !pdf.AsSpan((int)previousXref).StartsWith("xref"u8);
            using var writer = new UpdateWriter(pdf, trailer.Size);

            var pageNumber = document.NumberOfPages;
            var pageNode = LastPage(document, document.Structure.Catalog.CatalogDictionary)
                ?? throw new DomainException("Không tìm thấy trang cuối của tệp PDF để đặt chữ ký.");
            var page = document.GetPage(pageNumber);
            var box = page.CropBox.Bounds;

            var catalogRef = trailer.Root;
            var catalog = document.Structure.Catalog.CatalogDictionary;
            var form = Resolve(document, catalog.Data.GetValueOrDefault("AcroForm")) as DictionaryToken;
            var fields = Resolve(document, form?.Data.GetValueOrDefault("Fields")) as ArrayToken;
            var existingSignatures = fields?.Data.Count(f => Resolve(document, f) is DictionaryToken d && d.Data.GetValueOrDefault("FT") is NameToken { Data: "Sig" }) ?? 0;

            // The block: bottom right of the last page, each further signature above the one before.
            var x = box.Right - Margin - SignatureAppearance.Width;
            var y = box.Bottom + Margin + existingSignatures * (SignatureAppearance.Height + 6);
            var appearanceRef = writer.CopyAppearance(appearance.Render());

            var signatureRef = writer.Reserve();
            var widgetRef = writer.Reserve();
            var widget = new DictionaryToken(new Dictionary<NameToken, IToken>
            {
                [NameToken.Create("Type")] = NameToken.Create("Annot"),
                [NameToken.Create("Subtype")] = NameToken.Create("Widget"),
                [NameToken.Create("FT")] = NameToken.Create("Sig"),
                [NameToken.Create("T")] = new StringToken("ChuKy" + widgetRef.ObjectNumber.ToString(CultureInfo.InvariantCulture)),
                [NameToken.Create("V")] = new IndirectReferenceToken(signatureRef),
                [NameToken.Create("P")] = new IndirectReferenceToken(pageNode.Reference),
                [NameToken.Create("F")] = new NumericToken(132),
                [NameToken.Create("Rect")] = new ArrayToken([Num(x), Num(y), Num(x + SignatureAppearance.Width), Num(y + SignatureAppearance.Height)]),
                [NameToken.Create("AP")] = new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Create("N")] = new IndirectReferenceToken(appearanceRef) }),
            });
            writer.Write(widgetRef, widget);

            // The page lists the widget among its annotations (the array itself is rewritten when it is an object of its own).
            var annots = pageNode.NodeDictionary.Data.GetValueOrDefault("Annots");
            if (annots is IndirectReferenceToken annotsRef)
                writer.Write(annotsRef.Data, Append(Resolve(document, annots) as ArrayToken, widgetRef));
            else
                writer.Write(pageNode.Reference, pageNode.NodeDictionary.With("Annots", Append(annots as ArrayToken, widgetRef)));

            // The form lists the field, and says the document has signatures that a change would invalidate (SigFlags 3).
            var newForm = (form ?? new DictionaryToken(new Dictionary<NameToken, IToken>()))
                .With("Fields", Append(fields, widgetRef))
                .With("SigFlags", new NumericToken(3));
            if (catalog.Data.GetValueOrDefault("AcroForm") is IndirectReferenceToken formRef)
                writer.Write(formRef.Data, newForm);
            else
                writer.Write(catalogRef, catalog.With("AcroForm", newForm));

            var signedAt = appearance.SignedAt.ToOffset(VietnamTime.Offset);
            var signatureDictionary =
                "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached " + ByteRangePlaceholder +
                " /Contents <" + new string('0', ContentsBytes * 2) + ">" +
                " /M (D:" + signedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+07'00')" +
                " /Name " + TextString(appearance.SignerName) +
                " /Reason " + TextString(appearance.Reason) + " >>";
            var signatureOffset = writer.WriteRaw(signatureRef, Encoding.ASCII.GetBytes(signatureDictionary));

            var file = writer.Finish(trailer.Root, (trailer.Info as IndirectReferenceToken)?.Data, trailer.Identifier, previousXref, xrefIsStream);
            var dictionaryStart = signatureOffset;
            var rangeAt = file.AsSpan(dictionaryStart).IndexOf(Encoding.ASCII.GetBytes(ByteRangePlaceholder)) + dictionaryStart;
            var contentsStart = file.AsSpan(dictionaryStart).IndexOf("/Contents <"u8) + dictionaryStart + "/Contents ".Length;
            var contentsEnd = contentsStart + ContentsBytes * 2 + 2;
            var range = string.Create(CultureInfo.InvariantCulture, $"/ByteRange [0 {contentsStart} {contentsEnd} {file.Length - contentsEnd}]");
            Encoding.ASCII.GetBytes(range.PadRight(ByteRangePlaceholder.Length)).CopyTo(file, rangeAt);
            return new Update(file, contentsStart, contentsEnd);
        }
    }

    private static NumericToken Num(double value) => new(Math.Round(value, 2));

    private static ArrayToken Append(ArrayToken? array, IndirectReference item) =>
        new([.. array?.Data ?? [], new IndirectReferenceToken(item)]);

    private static IToken? Resolve(PigDocument document, IToken? token) =>
        token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;

    private sealed record PageNode(IndirectReference Reference, DictionaryToken NodeDictionary);

    /// <summary>The last leaf of the page tree (the last page), read from the tokens as written (inherited keys stay
    /// with the parents).</summary>
    private static PageNode? LastPage(PigDocument document, DictionaryToken catalog)
    {
        var at = catalog.Data.GetValueOrDefault("Pages") as IndirectReferenceToken;
        for (var depth = 0; at is not null && depth < 64; depth++)
        {
            if (Resolve(document, at) is not DictionaryToken node) return null;
            if (node.Data.GetValueOrDefault("Type") is NameToken { Data: "Page" }) return new PageNode(at.Data, node);
            at = (Resolve(document, node.Data.GetValueOrDefault("Kids")) as ArrayToken)?.Data.OfType<IndirectReferenceToken>().LastOrDefault();
        }
        return null;
    }

    /// <summary>A PDF text string in UTF-16BE with its byte-order mark, written in hex (Vietnamese names).</summary>
    internal static string TextString(string text) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";

    /// <summary>The offset after the file's last "startxref": where the newest cross-reference section is.</summary>
    private static long LastStartXref(byte[] pdf)
    {
        var at = pdf.AsSpan().LastIndexOf("startxref"u8);
        if (at < 0) throw new DomainException("Tệp PDF thiếu bảng tham chiếu (startxref); hãy lưu lại tệp rồi thử lại.");
        var digits = Encoding.ASCII.GetString(pdf, at + 9, Math.Min(32, pdf.Length - at - 9)).Trim().Split('\n', '\r', ' ')[0];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset < pdf.Length
            ? offset
            : throw new DomainException("Tệp PDF có bảng tham chiếu hỏng; hãy lưu lại tệp rồi thử lại.");
    }

    /// <summary>Appends objects to a copy of the file, then the cross-reference section (a table, or a stream when the file
    /// uses streams) and the trailer that points back to the previous section.</summary>
    private sealed class UpdateWriter : IDisposable
    {
        private readonly MemoryStream _out = new();
        private readonly SortedDictionary<long, long> _offsets = [];
        private long _next;

        public UpdateWriter(byte[] pdf, long size)
        {
            _out.Write(pdf);
            if (pdf[^1] is not ((byte)'\n' or (byte)'\r')) _out.WriteByte((byte)'\n');
            _next = size;
        }

        public IndirectReference Reserve() => new(_next++, 0);

        public void Dispose() => _out.Dispose();

        public void Write(IndirectReference reference, IToken token)
        {
            _offsets[reference.ObjectNumber] = _out.Position;
            Header(reference);
            TokenWriter.Instance.WriteToken(token, _out);
            Footer();
        }

        public int WriteRaw(IndirectReference reference, byte[] body)
        {
            _offsets[reference.ObjectNumber] = _out.Position;
            Header(reference);
            var at = (int)_out.Position;
            _out.Write(body);
            Footer();
            return at;
        }

        private void Header(IndirectReference reference) =>
            _out.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{reference.ObjectNumber} {reference.Generation} obj\n")));

        private void Footer() => _out.Write("\nendobj\n"u8);

        /// <summary>Copies the single page of a PDF written by PDFsharp as a form XObject, with the objects its resources
        /// reach (the embedded font and its tables) renumbered into this file.</summary>
        public IndirectReference CopyAppearance(byte[] rendered)
        {
            using var source = PigDocument.Open(rendered);
            var node = LastPage(source, source.Structure.Catalog.CatalogDictionary)!;
            var map = new Dictionary<IndirectReference, IndirectReference>();
            var pending = new Queue<IndirectReference>();
            IToken Copy(IToken token) => token switch
            {
                IndirectReferenceToken r => new IndirectReferenceToken(Map(r.Data)),
                DictionaryToken d => new DictionaryToken(d.Data.ToDictionary(kv => NameToken.Create(kv.Key), kv => Copy(kv.Value))),
                ArrayToken a => new ArrayToken([.. a.Data.Select(Copy)]),
                _ => token,
            };
            IndirectReference Map(IndirectReference r)
            {
                if (map.TryGetValue(r, out var mapped)) return mapped;
                map[r] = mapped = Reserve();
                pending.Enqueue(r);
                return mapped;
            }

            var contents = source.Structure.GetObject(((IndirectReferenceToken)node.NodeDictionary.Data["Contents"]).Data).Data as StreamToken
                ?? throw new InvalidOperationException("PDFsharp wrote the block's page without one content stream.");
            var resources = node.NodeDictionary.Data["Resources"];
            var form = Reserve();
            var formDictionary = new Dictionary<NameToken, IToken>
            {
                [NameToken.Create("Type")] = NameToken.Create("XObject"),
                [NameToken.Create("Subtype")] = NameToken.Create("Form"),
                [NameToken.Create("BBox")] = new ArrayToken([new NumericToken(0), new NumericToken(0), Num(SignatureAppearance.Width), Num(SignatureAppearance.Height)]),
                [NameToken.Create("Resources")] = Copy(resources),
                [NameToken.Create("Length")] = new NumericToken(contents.Data.Length),
            };
            if (contents.StreamDictionary.Data.TryGetValue("Filter", out var filter)) formDictionary[NameToken.Create("Filter")] = filter;
            Write(form, new StreamToken(new DictionaryToken(formDictionary), contents.Data.ToArray()));

            while (pending.TryDequeue(out var original))
            {
                var target = map[original];
                var value = source.Structure.GetObject(original).Data;
                if (value is StreamToken stream)
                {
                    var copied = (DictionaryToken)Copy(stream.StreamDictionary);
                    Write(target, new StreamToken(copied.With("Length", new NumericToken(stream.Data.Length)), stream.Data.ToArray()));
                }
                else
                {
                    Write(target, Copy(value));
                }
            }
            return form;
        }

        public byte[] Finish(IndirectReference root, IndirectReference? info, IReadOnlyList<IToken>? id, long previousXref, bool asStream)
        {
            var trailer = new StringBuilder();
            trailer.Append(CultureInfo.InvariantCulture, $"/Root {root.ObjectNumber} {root.Generation} R");
            if (info is { } i) trailer.Append(CultureInfo.InvariantCulture, $" /Info {i.ObjectNumber} {i.Generation} R");
            if (id is { Count: 2 })
            {
                using var ids = new MemoryStream();
                TokenWriter.Instance.WriteToken(new ArrayToken([.. id]), ids);
                trailer.Append(" /ID ").Append(Encoding.ASCII.GetString(ids.ToArray()));
            }
            trailer.Append(CultureInfo.InvariantCulture, $" /Prev {previousXref}");

            long xrefAt;
            if (asStream)
            {
                var self = Reserve();
                xrefAt = _out.Position;
                _offsets[self.ObjectNumber] = xrefAt;
                var rows = new MemoryStream();
                foreach (var (_, offset) in _offsets)
                {
                    rows.WriteByte(1);
                    rows.Write([(byte)(offset >> 24), (byte)(offset >> 16), (byte)(offset >> 8), (byte)offset]);
                    rows.Write([0, 0]);
                }
                Header(self);
                _out.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"<< /Type /XRef /Size {_next} /W [1 4 2] /Index [{Index()}] /Length {rows.Length} {trailer} >>\nstream\n")));
                _out.Write(rows.ToArray());
                _out.Write("\nendstream"u8);
                Footer();
            }
            else
            {
                xrefAt = _out.Position;
                var table = new StringBuilder("xref\n");
                foreach (var (start, count) in Runs())
                {
                    table.Append(CultureInfo.InvariantCulture, $"{start} {count}\n");
                    for (var n = start; n < start + count; n++)
                        table.Append(CultureInfo.InvariantCulture, $"{_offsets[n]:D10} 00000 n\r\n");
                }
                table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_next} {trailer} >>\n");
                _out.Write(Encoding.ASCII.GetBytes(table.ToString()));
            }
            _out.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"startxref\n{xrefAt}\n%%EOF\n")));
            return _out.ToArray();
        }

        private string Index() => string.Join(' ', Runs().Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Start} {r.Count}")));

        private List<(long Start, long Count)> Runs()
        {
            var runs = new List<(long Start, long Count)>();
            foreach (var n in _offsets.Keys)
            {
                if (runs.Count > 0 && runs[^1].Start + runs[^1].Count == n) runs[^1] = (runs[^1].Start, runs[^1].Count + 1);
                else runs.Add((n, 1));
            }
            return runs;
        }
    }
}
