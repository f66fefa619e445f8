using MotCua.Web.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace MotCua.Web.Features.Certification;

/// <summary>The scan of the original as one PDF: the PDF the scanner made, or its pages as images (JPEG, PNG) put one to an
/// A4 page, in the order picked. Its page count is what the fee counts.</summary>
public sealed record CopyScan(byte[] Pdf, int Pages, string FileName)
{
    public const int MaxPages = 2000;

    public static async Task<CopyScan> ReadAsync(IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        var picked = files.Where(f => f.Length > 0).ToList();
        if (files.Count == 0)
            throw new DomainException("Chưa chọn tệp bản quét bản chính (PDF, hoặc ảnh JPEG, PNG của từng trang).");
        if (picked.Count < files.Count)
            throw new DomainException($"Tệp \"{files.First(f => f.Length == 0).FileName}\" rỗng; hãy quét lại bản chính.");
        var contents = new List<(IFormFile File, byte[] Bytes)>();
        foreach (var f in picked)
        {
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer, ct);
            contents.Add((f, buffer.ToArray()));
        }
        if (contents.Count == 1 && IsPdf(contents[0].Bytes))
        {
            var pages = PageCount(contents[0].Bytes, contents[0].File.FileName);
            return new CopyScan(contents[0].Bytes, pages, contents[0].File.FileName);
        }
        if (contents.Any(c => IsPdf(c.Bytes)))
            throw new DomainException("Chọn một tệp PDF, hoặc các ảnh của từng trang; không chọn cùng lúc nhiều tệp PDF hay PDF lẫn với ảnh.");
        var notImage = contents.FirstOrDefault(c => !IsImage(c.Bytes));
        if (notImage.File is not null)
            throw new DomainException($"Tệp \"{notImage.File.FileName}\" không phải PDF hay ảnh JPEG, PNG; bản quét bản chính phải là PDF hoặc ảnh.");
        if (contents.Count > InputLimits.Files)
            throw new DomainException($"Tối đa {InputLimits.Files} ảnh; hãy quét thành một tệp PDF.");
        return new CopyScan(FromImages(contents.Select(c => c.Bytes).ToList()), contents.Count, "ban-quet.pdf");
    }

    private static bool IsPdf(byte[] b) => b.Length > 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-';

    private static bool IsImage(byte[] b) =>
        (b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) || (b.Length > 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G');

    private static int PageCount(byte[] pdf, string name)
    {
        int pages;
        try
        {
            using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
            pages = document.PageCount;
        }
        catch (Exception e) when (e is PdfReaderException or InvalidOperationException or NotSupportedException or IOException or ArgumentException or FormatException
                                      or IndexOutOfRangeException or NullReferenceException or InvalidCastException)
        {
            throw new DomainException($"Không đọc được tệp PDF \"{name}\" (hỏng hoặc có mật khẩu); hãy quét lại bản chính.");
        }
        return pages switch
        {
            0 => throw new DomainException($"Tệp PDF \"{name}\" không có trang nào; hãy quét lại bản chính."),
            > MaxPages => throw new DomainException($"Tệp PDF \"{name}\" có {pages} trang, tối đa {MaxPages} trang một bản."),
            _ => pages,
        };
    }

    private static byte[] FromImages(List<byte[]> images)
    {
        using var document = new PdfDocument();
        document.Info.Creator = "MotCua";
        foreach (var bytes in images)
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            XImage image;
            try
            {
                image = XImage.FromStream(new MemoryStream(bytes));
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or IOException)
            {
                throw new DomainException("Không đọc được một ảnh bản quét; hãy quét lại hoặc chọn tệp PDF.");
            }
            using (image)
            {
                var (w, h) = (page.Width.Point - 40, page.Height.Point - 40);
                var scale = Math.Min(w / image.PointWidth, h / image.PointHeight);
                gfx.DrawImage(image, 20, 20, image.PointWidth * scale, image.PointHeight * scale);
            }
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
