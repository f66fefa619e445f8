using QRCoder;

namespace MotCua.Web.Features.Forms;

/// <summary>QR codes as inline SVG: vector, so they print sharp at any size, and no image request to fail.</summary>
public static class QrCodes
{
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        // Level M survives a creased or smudged receipt without making the code too dense for a cheap phone.
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
