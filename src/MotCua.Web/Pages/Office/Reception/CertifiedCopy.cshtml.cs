using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Certification;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Reception;
using MotCua.Web.Features.Signatures;

namespace MotCua.Web.Pages.Office.Reception;

/// <summary>Chứng thực bản sao điện tử từ bản chính at the desk in one sitting (docs/adr/0033e): the applicant (the chip
/// card's QR fills them, as at the desk), the scan of the original, the comparison ticked, one button; the copy is
/// received, paid in cash, numbered in the book, stamped, signed where a signer is configured, returned and filed in the
/// applicant's data store. Refusals are shown by <see cref="RefusedPostFilter"/>.</summary>
[Authorize(Policy = nameof(OfficialRole.DeskOfficial))]
[RequestSizeLimit(CertifyAtDesk.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CertifyAtDesk.MaxUploadBytes)]
public sealed class CertifiedCopyModel(CertifyAtDesk.Handler certify, FindApplicant.Handler applicants, CurrentUser user,
    IOptions<CertificationOptions> options, MyCertificate.Handler certificates, Features.Population.LookUpPerson.Handler population) : ActionPageModel
{
    public sealed class CopyInput
    {
        public string? ProcedureCode { get; set; }
        public string? IdNumber { get; set; }
        public string? FullName { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Address { get; set; }
        public DateOnly? BirthDate { get; set; }
        /// <summary>The lookup in the population database made on this page ("Xác thực qua CSDL quốc gia về dân cư").</summary>
        public Guid? IdentityVerification { get; set; }
        public string? DocumentName { get; set; }
        public bool Compared { get; set; }
        /// <summary>The certifier's PKCS#12 password (own store only); never written back into the page.</summary>
        public string? Password { get; set; }
        [ValidateNever] public List<IFormFile> Scan { get; set; } = [];
    }

    [BindProperty] public CopyInput Input { get; set; } = new();
    [BindProperty] public string? FormKey { get; set; }

    public IReadOnlyList<string> Procedures => options.Value.Codes;

    /// <summary>The official signs with their own uploaded store, so the page asks its password.</summary>
    public bool AsksPassword { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        FormKey = Guid.NewGuid().ToString("N");
        Input.ProcedureCode ??= Procedures.Count > 0 ? Procedures[0] : null;
        AsksPassword = await certificates.HasOwnAsync(ct);
    }

    /// <summary>Enter in the ID box (typed, or the chip card's QR from a scanner) fills the applicant.</summary>
    public async Task<IActionResult> OnPostLookupAsync(CancellationToken ct)
    {
        FormKey ??= Guid.NewGuid().ToString("N");
        AsksPassword = await certificates.HasOwnAsync(ct);
        var card = ChipIdQr.Parse(Input.IdNumber);
        if (card is not null) (Input.IdNumber, Input.FullName, Input.Address) = (card.IdNumber, card.FullName, card.Address ?? Input.Address);
        var found = string.IsNullOrWhiteSpace(Input.IdNumber) ? null : await applicants.HandleAsync(Input.IdNumber, ct);
        if (found is not null)
        {
            Input.FullName ??= found.FullName;
            Input.Phone ??= found.Phone;
            Input.Email ??= found.Email;
            Input.Address ??= found.Address;
        }
        Error = card is null && found is null ? "Chưa có hồ sơ nào của số định danh này tại đơn vị; hãy nhập thông tin người yêu cầu." : null;
        return Page();
    }

    /// <summary>What the population database confirmed on this page, shown until the certification.</summary>
    public string? Verified { get; private set; }

    /// <summary>"Xác thực qua CSDL quốc gia về dân cư": the lookup the desk makes (recorded, audited); a confirmed one is sent
    /// with the certification, and only then is the dossier marked verified — no box to tick (docs/adr/0033c).</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        FormKey ??= Guid.NewGuid().ToString("N");
        AsksPassword = await certificates.HasOwnAsync(ct);
        if (ChipIdQr.Parse(Input.IdNumber) is { } card)
            (Input.IdNumber, Input.FullName, Input.BirthDate) = (card.IdNumber, card.FullName, card.BirthDate ?? Input.BirthDate);
        Input.IdentityVerification = null;
        try
        {
            var result = await population.HandleAsync(new Features.Population.LookUpPerson.Request(Input.IdNumber ?? "", Input.FullName ?? "", Input.BirthDate),
                user.As(OfficialRole.DeskOfficial), ct);
            if (result is { Verification: { } verification, Person: { } person })
            {
                (Input.IdentityVerification, Input.FullName) = (verification.Id, person.FullName);
                Input.Address ??= person.Residence;
                Verified = $"Đã xác thực danh tính qua Cơ sở dữ liệu quốc gia về dân cư: {person.FullName}, sinh ngày {person.BirthDate:dd/MM/yyyy}.";
            }
            else Error = result.Message;
        }
        catch (Infrastructure.DomainException e)
        {
            Error = e.Message;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCertifyAsync(CancellationToken ct)
    {
        var request = new CertifyAtDesk.Request(Input.ProcedureCode ?? "",
            new ApplicantInput(ApplicantKind.Person, Input.FullName ?? "", Input.IdNumber ?? "", Input.Phone, Input.Email, Input.Address),
            Input.DocumentName ?? "", Input.Compared, Password: Input.Password, IdentityVerification: Input.IdentityVerification);
        var done = await certify.HandleAsync(request, Input.Scan, user.As(OfficialRole.DeskOfficial), FormKey, ct);
        return RedirectWithNotice(
            $"Đã chứng thực bản sao số {done.BookNumber} ({done.Pages} trang, phí {ListCertificationBook.Money(done.Fee)} đã thu tiền mặt); " +
            (done.SignedDigitally ? "bản sao đã được ký số" : "bản sao CHƯA được ký số (chưa cấu hình chữ ký số)") +
            " và đã đưa vào kho dữ liệu của người yêu cầu.", $"/office/reception/chung-thuc-ban-sao?ho-so={done.DossierId}");
    }

    [BindProperty(SupportsGet = true, Name = "ho-so")] public Guid? DossierId { get; set; }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        // Browsers never re-fill a file input: say so rather than let the official believe the scan is kept.
        if (Input.Scan.Count > 0) Error += " Hãy chọn lại tệp bản quét.";
        AsksPassword = await certificates.HasOwnAsync(ct);
        return true;
    }
}
