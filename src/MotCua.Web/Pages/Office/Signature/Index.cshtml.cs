using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Signatures;

namespace MotCua.Web.Pages.Office.Signature;

/// <summary>Chữ ký số của tôi: the official's own PKCS#12 certificate — see it, upload one, replace or remove it.</summary>
public sealed class IndexModel(MyCertificate.Handler certificates, IRemoteSigningClient remote, DemoCertificateAuthority demo) : ActionPageModel
{
    public MyCertificate.View? Certificate { get; private set; }

    /// <summary>How the official signs without a file of their own.</summary>
    public string WithoutOwn => remote.Enabled
        ? "Anh/chị ký qua dịch vụ ký số từ xa: xác nhận yêu cầu ký trên ứng dụng của nhà cung cấp."
        : demo.Enabled
            ? "Trên bản thử nghiệm, hệ thống tự cấp chứng thư thử nghiệm (không có giá trị pháp lý) khi anh/chị ký lần đầu."
            : "Hãy tải lên tệp chứng thư số do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp để ký văn bản.";

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        Certificate = await certificates.GetAsync(ct);
        return true;
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? password, CancellationToken ct)
    {
        var view = await certificates.UploadAsync(file, password, ct);
        return RedirectWithNotice($"Đã lưu chứng thư số của {view.Subject}.", "/office/chu-ky-so");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        await certificates.RemoveAsync(ct);
        return RedirectWithNotice("Đã gỡ chứng thư số cá nhân.", "/office/chu-ky-so");
    }
}
