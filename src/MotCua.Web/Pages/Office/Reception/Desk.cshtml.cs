using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Population;
using MotCua.Web.Features.Processing;
using MotCua.Web.Features.Reception;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Reception;

/// <summary>Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính: pick the procedure, then check the applicant and the
/// papers and either receive (Form 01), guide the applicant to complete them (Form 02) or refuse (Form 03).
/// One form, several submit buttons, so everything works without JavaScript and nothing typed is lost.</summary>
[Authorize(Policy = nameof(OfficialRole.DeskOfficial))]
// Several components of several scanned pages each: larger than the server's default request limit.
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class DeskModel(
    SearchProcedures.Handler search, GetDeskProcedure.Handler procedures, FindApplicant.Handler applicants,
    ReceiveInPerson.Handler receive, RefuseInPerson.Handler refuse, CompetentUnitChoices.Handler competentUnits, CurrentUser user,
    Microsoft.Extensions.Options.IOptions<ReceptionOptions> reception, FrequentProcedures.Handler frequent, RecordPayment.Handler payments,
    LookUpPerson.Handler population, PopulationVerifications verifications, TimeProvider clock) : PageModel
{
    public const long MaxUploadBytes = ReceiveInPerson.MaxUploadBytes;
    public const int SearchPageSize = 20;

    public sealed class ComponentRow
    {
        public string Code { get; set; } = "";
        public bool Received { get; set; }
        public int? Count { get; set; }
        // Files are checked by content when stored, not by attributes; an empty list is not an error.
        [ValidateNever] public List<IFormFile> Scans { get; set; } = [];
    }

    public sealed class DeskInput
    {
        public Channel Channel { get; set; } = Channel.Desk;
        public DateOnly? PostmarkDate { get; set; }
        /// <summary>Cơ quan có thẩm quyền giải quyết: the desk's own commune unless the applicant's case belongs to
        /// another commune of the province.</summary>
        public Guid? CompetentUnitId { get; set; }
        public ApplicantKind Kind { get; set; } = ApplicantKind.Person;
        public string? FullName { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Address { get; set; }
        /// <summary>Ngày sinh: with the ID number and the name, what the population database needs to confirm the person.</summary>
        public DateOnly? BirthDate { get; set; }
        /// <summary>The lookup in the population database this sitting made for the applicant (docs/adr/0033c): the server
        /// checks it is this official's, unexpired and of this ID number; nothing the form posts marks a dossier verified.</summary>
        public Guid? IdentityVerification { get; set; }
        public List<ComponentRow> Components { get; set; } = [];
        public int Copies { get; set; } = 1;
        public int PagesPerCopy { get; set; } = 1;
        public string? ExemptionGroup { get; set; }
        /// <summary>How many the applicant asks for of each on-request line (birth extract copies), by the field it counts from.</summary>
        public Dictionary<string, int> Requested { get; set; } = [];
        /// <summary>The paper that shows the applicant is in <see cref="ExemptionGroup"/>: recorded with the reception.</summary>
        public string? ExemptionReason { get; set; }
        public string? RefusalReason { get; set; }
        /// <summary>Why a paper to be scanned at reception has no scan (<see cref="ReceptionOptions.DigitizeAtReception"/>).</summary>
        public string? UnscannedReason { get; set; }
        /// <summary>The applicant pays the fees in cash here and now: recorded with the reception (docs/adr/0032a).</summary>
        public bool PaidAtDesk { get; set; }
    }

    /// <summary>The reference of the cash taken with the reception; the electronic receipt's number follows it.</summary>
    public const string PaidAtReceptionReference = "Thu tiền mặt khi tiếp nhận";

    /// <summary>The procedure's papers marked "phải số hóa" must be scanned here, or the reason given.</summary>
    public bool DigitizeRuleApplies => Procedure is not null && reception.Value.MustDigitizeAtReception(Procedure.Code);

    /// <summary>The fee lines for the current input, or why they cannot be computed yet.</summary>
    public sealed record FeePreview(IReadOnlyList<FeeLine> Lines, string? Error)
    {
        public long Total => Lines.Sum(l => l.Amount);
    }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "procedure")] public string? ProcedureCode { get; set; }
    [BindProperty] public DeskInput Input { get; set; } = new();
    /// <summary>The reception's idempotency key, generated when the form is first rendered and posted back with it:
    /// a double click or a resent form receives one dossier (<see cref="ReceptionKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }

    public SearchProcedures.Result? Found { get; private set; }
    /// <summary>The procedures this desk receives most: one click each.</summary>
    public IReadOnlyList<FrequentProcedures.Item> Frequent { get; private set; } = [];
    public GetDeskProcedure.View? Procedure { get; private set; }
    public CompetentUnitChoices.Result CompetentUnits { get; private set; } = new(null, []);
    public FeePreview Fees { get; private set; } = new([], null);
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>A warning that does not stop the reception (the population database could not be reached).</summary>
    public string? Warning { get; private set; }
    /// <summary>The applicant's verification in the population database, when this sitting has one for the ID number.</summary>
    public PopulationVerification? Verified { get; private set; }
    /// <summary>The registry's record, shown once right after the lookup (household included); not kept.</summary>
    public PersonRecord? RegistryRecord { get; private set; }

    /// <summary>The row posted for a requirement (or a fresh one): rows follow the version's requirements, not
    /// the order the browser sent them.</summary>
    public ComponentRow RowFor(ComponentRequirement requirement) =>
        Input.Components.FirstOrDefault(r => r.Code == requirement.Code)
        ?? new ComponentRow { Code = requirement.Code, Count = requirement.Count, Received = TickedByDefault(requirement) };

    /// <summary>A required original only shown for comparison is ticked when the form opens: the citizen has it in hand
    /// (it is why they came), nothing of it is kept or scanned, and the official unticks it when it is missing. Papers
    /// that are kept are ticked by the official, or by picking their scan (docs/adr/0032a).</summary>
    public static bool TickedByDefault(ComponentRequirement requirement) =>
        requirement is { Form: ComponentForm.OriginalToShow, Optional: false };

    public string ActionUrl(string handler) =>
        $"/office/reception/desk?procedure={Uri.EscapeDataString(Procedure?.Code ?? "")}&handler={handler}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(ProcedureCode))
        {
            if (await LoadAsync(ct)) return Page();
            Error = $"Không tìm thấy thủ tục có mã {ProcedureCode}; hãy tìm và chọn lại thủ tục.";
        }
        await SearchAsync(ct);
        return Page();
    }

    /// <summary>The live fee preview's fragment (progressive enhancement of the "Tính phí" button).</summary>
    public async Task<IActionResult> OnGetFeePreviewAsync(Channel channel, int copies, int pages, string? exemption, CancellationToken ct)
    {
        Procedure = await procedures.HandleAsync(ProcedureCode, ct);
        if (Procedure is null) return NotFound();
        Input = new DeskInput { Channel = channel, Copies = copies, PagesPerCopy = pages, ExemptionGroup = exemption, Requested = RequestedInQuery() };
        ComputeFees();
        return Partial("_FeePreview", Fees);
    }

    /// <summary>The on-request numbers of the preview's query, <c>requested[field]=n</c>. Read by hand: a bound dictionary
    /// with none of them would fall back to every parameter of the query. A number that is not one counts as -1, which the
    /// fee computation refuses with its message.</summary>
    private Dictionary<string, int> RequestedInQuery()
    {
        const string prefix = "requested[";
        var requested = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in Request.Query)
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(']') && requested.Count < 20)
                requested[key[prefix.Length..^1]] = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return requested;
    }

    /// <summary>Enter in a text box submits the form's first button: the harmless fee recomputation.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => OnPostFeesAsync(ct);

    public async Task<IActionResult> OnPostFeesAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFoundPage();
        // Enter in the ID box (typed, or the chip card's QR from a scanner, which ends with Enter) looks the applicant
        // up: one action instead of typing and then pressing "Tra cứu".
        if (ChipIdQr.Parse(Input.IdNumber) is not null || (!string.IsNullOrWhiteSpace(Input.IdNumber) && string.IsNullOrWhiteSpace(Input.FullName)))
            return await LookUpAsync(ct);
        CheckBinding();
        return Page();
    }

    public async Task<IActionResult> OnPostLookupAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFoundPage();
        return await LookUpAsync(ct);
    }

    /// <summary>Fills the applicant from the chip card's QR (its name and address) and from this unit's latest dossier of
    /// the same ID number (phone, e-mail, a newer address). Nothing else is read: not the citizen's account, not other
    /// units' dossiers (docs/adr/0032a).</summary>
    private async Task<IActionResult> LookUpAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.IdNumber))
        {
            Error = "Nhập số định danh cá nhân (hoặc mã số của tổ chức), hoặc quét mã QR trên thẻ căn cước, rồi bấm Tra cứu.";
            return Page();
        }
        var card = ChipIdQr.Parse(Input.IdNumber);
        if (card is null && Input.IdNumber.Contains('|', StringComparison.Ordinal))
        {
            Input.IdNumber = null;
            Error = "Không đọc được mã QR trên thẻ căn cước (cần 7 trường cách nhau bởi dấu |, bắt đầu bằng số định danh 12 chữ số); hãy quét lại hoặc gõ số định danh.";
            return Page();
        }
        if (card is not null) Input.IdNumber = card.IdNumber;
        var found = await applicants.HandleAsync(Input.IdNumber, ct);
        if (card is not null)
        {
            (Input.Kind, Input.FullName) = (ApplicantKind.Person, card.FullName);
            Input.BirthDate = card.BirthDate ?? Input.BirthDate;
            Input.Phone = found?.Phone ?? Input.Phone;
            Input.Email = found?.Email ?? Input.Email;
            // The card's address is the residence when the card was issued; a later dossier's is newer.
            Input.Address = found?.Address ?? card.Address ?? Input.Address;
            Notice = "Đã điền họ tên, số định danh và địa chỉ từ mã QR trên thẻ căn cước" +
                     (found is null ? "; chưa có hồ sơ nào của người này tại đơn vị, hãy hỏi số điện thoại."
                                    : $", số điện thoại từ hồ sơ {found.DossierCode}{Day(found.SubmittedAtUtc)}. Hãy hỏi lại người nộp nếu có thay đổi.");
            return Page();
        }
        if (found is null)
        {
            Notice = $"Chưa có hồ sơ nào của số định danh {Input.IdNumber.Trim()} tại đơn vị; hãy nhập thông tin người nộp.";
            return Page();
        }
        (Input.Kind, Input.FullName, Input.IdNumber, Input.Phone, Input.Email, Input.Address) =
            (found.Kind, found.FullName, found.IdNumber, found.Phone, found.Email, found.Address);
        Notice = $"Đã điền thông tin người nộp từ hồ sơ {found.DossierCode}{Day(found.SubmittedAtUtc)}. Hãy hỏi lại người nộp nếu có thay đổi.";
        return Page();
    }

    /// <summary>"Xác thực qua CSDL quốc gia về dân cư": the ID number (typed or from the chip card's QR), the name and the
    /// birth date go to the population database; when it confirms them the applicant is filled from the registry and the
    /// verification's id goes with the form. Not found or not matching: said, nothing changes. The database down: the
    /// desk carries on, and the dossier will be received unverified.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFoundPage();
        if (ChipIdQr.Parse(Input.IdNumber) is { } card)
            (Input.Kind, Input.IdNumber, Input.FullName, Input.BirthDate) = (ApplicantKind.Person, card.IdNumber, card.FullName, card.BirthDate ?? Input.BirthDate);
        if (Input.Kind != ApplicantKind.Person)
        {
            Error = "Chỉ xác thực được cá nhân qua Cơ sở dữ liệu quốc gia về dân cư.";
            return Page();
        }
        if (InputProblem() is { } problem)
        {
            Error = problem;
            return Page();
        }
        LookUpPerson.Result result;
        try
        {
            result = await population.HandleAsync(new LookUpPerson.Request(Input.IdNumber ?? "", Input.FullName ?? "", Input.BirthDate),
                user.As(OfficialRole.DeskOfficial), ct);
        }
        catch (DomainException e)
        {
            // This page shows its refusals itself, as its receive and refuse do (one form, nothing typed lost).
            Error = e.Message;
            return Page();
        }
        switch (result)
        {
            case { Verification: { } verification, Person: { } person }:
                (Verified, RegistryRecord, Input.IdentityVerification) = (verification, person, verification.Id);
                (Input.IdNumber, Input.FullName, Input.BirthDate, Input.Address) = (person.IdNumber, person.FullName, person.BirthDate, person.Residence);
                Notice = "Đã xác thực danh tính qua Cơ sở dữ liệu quốc gia về dân cư; họ tên, ngày sinh và nơi ở được điền từ cơ sở dữ liệu.";
                break;
            case { Outcome: PopulationOutcome.Unavailable }:
                Input.IdentityVerification = null;
                Warning = result.Message;
                break;
            default:
                Input.IdentityVerification = null;
                Error = result.Message;
                break;
        }
        return Page();
    }

    private static string Day(DateTime? atUtc) => atUtc is { } at ? $" ngày {VietnamTime.FormatDate(at)}" : "";

    public async Task<IActionResult> OnPostReceiveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFoundPage();
        if (!CheckBinding()) return Page();
        if (Input.PaidAtDesk && Input.Channel != Channel.Desk)
        {
            Error = "Hồ sơ qua bưu chính không nộp tiền mặt tại quầy: bỏ chọn \"Thu tiền mặt ngay\" và thu phí, lệ phí theo cách khác.";
            return Page();
        }
        var request = new ReceiveInPerson.Request(Procedure!.Code, Applicant(), ReceivedComponents(), Input.Channel, PostmarkUtc(),
            CompetentUnitId: Input.CompetentUnitId, Copies: Input.Copies, PagesPerCopy: Input.PagesPerCopy,
            UnscannedReason: Input.UnscannedReason, ExemptionReason: Input.ExemptionReason, Declared: Requested(), IdentityVerification: Input.IdentityVerification);
        var scans = Input.Components.Select(r => new ReceiveInPerson.Scan(r.Code, r.Scans)).ToList();
        try
        {
            var dossier = await receive.HandleAsync(request, user.As(OfficialRole.DeskOfficial), ct, FormKey, scans);
            if (Input.PaidAtDesk && dossier.FeesOwed > dossier.AmountPaid && !await CollectAsync(dossier, ct))
                return Redirect($"/office/dossiers/{dossier.Id}");
            // "Tiếp nhận và in": Form 01 opens with the print dialog (js/print.js).
            return Redirect($"/office/forms/01/{dossier.Id}?in=1");
        }
        catch (DomainException e)
        {
            // Browsers never re-fill a file input, so say so rather than let the official believe the scans are kept.
            Error = scans.Any(s => s.Pages.Count > 0)
                ? $"{e.Message} Hồ sơ chưa được tiếp nhận; sau khi sửa, hãy chọn lại các tệp bản quét."
                : e.Message;
            return Page();
        }
    }

    /// <summary>The cash the applicant hands over with the papers, recorded as every desk payment is (a paid payment order
    /// and its electronic receipt, Features/Processing/RecordPayment) right after the reception. The same form sent
    /// twice records it once (the dossier ignores a payment with the same reference). Should it fail, the dossier is
    /// received all the same and its page, where the payment is recorded by hand, opens instead of the print.</summary>
    private async Task<bool> CollectAsync(Dossier dossier, CancellationToken ct)
    {
        try
        {
            await payments.HandleAsync(dossier.Id,
                new RecordPayment.Request(dossier.FeesOwed - dossier.AmountPaid, PaymentMethod.Desk, PaidAtReceptionReference, null), ct);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    /// <summary>Hướng dẫn bổ sung (Form 02) at the desk: nothing is recorded, the applicant leaves with the list
    /// of what to bring.</summary>
    public async Task<IActionResult> OnPostGuideAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFoundPage();
        var received = ReceivedCodes();
        var missing = Procedure!.Content.Components.Where(r => !r.Optional && !received.Contains(r.Code)).Select(r => r.Code).ToList();
        if (missing.Count == 0)
        {
            Error = "Không có thành phần bắt buộc nào còn thiếu. Bỏ chọn \"Đã nhận\" ở các thành phần người nộp chưa có, rồi bấm lại \"Hướng dẫn bổ sung\".";
            return Page();
        }
        return Redirect("/office/forms/02/guidance" +
                        $"?procedure={Uri.EscapeDataString(Procedure.Code)}" +
                        $"&missing={Uri.EscapeDataString(string.Join(",", missing))}" +
                        $"&name={Uri.EscapeDataString(Text.NormalizeOrNull(Input.FullName) ?? "")}");
    }

    public async Task<IActionResult> OnPostRefuseAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFoundPage();
        if (!CheckBinding()) return Page();
        var request = new RefuseInPerson.Request(Procedure!.Code, Applicant(), ReceivedComponents(), Input.RefusalReason ?? "", Input.Channel,
            IdentityVerification: Input.IdentityVerification);
        try
        {
            var dossier = await refuse.HandleAsync(request, user.As(OfficialRole.DeskOfficial), ct);
            return Redirect($"/office/forms/03/{dossier.Id}");
        }
        catch (DomainException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Procedure = await procedures.HandleAsync(ProcedureCode, ct);
        if (Procedure is null) return false;
        FormKey ??= Guid.NewGuid().ToString("N");
        // A paper whose scan was picked has been handed in: picking it is ticking it (one action, not two).
        foreach (var row in Input.Components.Where(r => r.Scans.Count > 0)) row.Received = true;
        ComputeFees();
        if (user.UnitId is { } unitId)
        {
            CompetentUnits = await competentUnits.HandleAsync(Procedure.Content, unitId, ct);
            Input.CompetentUnitId ??= CompetentUnits.Default;
        }
        await LoadVerificationAsync(ct);
        return true;
    }

    /// <summary>The verification the form carries, shown as such while it is this official's, unexpired and of the ID number
    /// in the form. Another applicant typed in since: it is dropped, and the official told, so that nobody is received
    /// under someone else's check (the reception would refuse it anyway).</summary>
    private async Task LoadVerificationAsync(CancellationToken ct)
    {
        if (Input.IdentityVerification is not { } id) return;
        var verification = await verifications.FindAsync(id, user.As(OfficialRole.DeskOfficial), ct);
        if (verification is null || verification.IdNumber != Input.IdNumber?.Trim())
        {
            Input.IdentityVerification = null;
            Warning = "Số định danh đã thay đổi sau khi xác thực: hãy xác thực lại qua Cơ sở dữ liệu quốc gia về dân cư, nếu không hồ sơ được tiếp nhận là chưa xác thực danh tính.";
            return;
        }
        if (verification.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime)
        {
            Input.IdentityVerification = null;
            Warning = "Kết quả xác thực qua Cơ sở dữ liệu quốc gia về dân cư đã hết hạn: hãy xác thực lại, nếu không hồ sơ được tiếp nhận là chưa xác thực danh tính.";
            return;
        }
        Verified = verification;
    }

    private PageResult NotFoundPage()
    {
        Error = $"Không tìm thấy thủ tục có mã {ProcedureCode}; hãy tìm và chọn lại thủ tục.";
        return Page();
    }

    private async Task SearchAsync(CancellationToken ct)
    {
        Found = await search.HandleAsync(new SearchProcedures.Query(Q, PageSize: SearchPageSize), ct);
        // Offered until the official searches: then the search's results are what they asked for.
        if (string.IsNullOrWhiteSpace(Q) && user.UnitId is { } unitId) Frequent = await frequent.HandleAsync(unitId, ct);
    }

    private void ComputeFees()
    {
        try
        {
            Fees = new FeePreview(Procedure!.Fees(Input.Channel, Input.Copies, Input.PagesPerCopy, ExemptionGroups(), Requested()), null);
        }
        catch (DomainException e)
        {
            Fees = new FeePreview([], e.Message);
        }
    }

    /// <summary>Model binding leaves a field it cannot read at its default; the official must know, not get a
    /// dossier with one copy instead of the "two" typed with a stray letter.</summary>
    private bool CheckBinding()
    {
        if (!ModelState.IsValid)
        {
            Error = "Một số ô nhập không đúng định dạng (số, ngày tháng); vui lòng kiểm tra lại.";
            return false;
        }
        if (Input.Components.Any(r => r.Received && r.Count < 1))
        {
            Error = "Số lượng của mỗi thành phần đã nhận phải từ 1 trở lên.";
            return false;
        }
        Error = InputProblem();
        return Error is null;
    }

    /// <summary>The same limits as the API's (Infrastructure/InputRules.cs), for what the form posts.</summary>
    private string? InputProblem()
    {
        if (Input.PostmarkDate is { } postmark && !InputLimits.IsSane(postmark))
            return $"Ngày trên dấu bưu điện phải {InputLimits.DateRangeText}.";
        if (Input.BirthDate is { } born && !InputLimits.IsSane(born))
            return $"Ngày sinh phải {InputLimits.DateRangeText}.";
        if (Input.Copies is < 1 or > InputLimits.Count || Input.PagesPerCopy is < 1 or > InputLimits.Count ||
            Input.Components.Any(r => r.Count is < 0 or > InputLimits.Count))
            return $"Số bản, số trang và số lượng phải từ 1 đến {InputLimits.Count}.";
        if (Input.Requested.Values.Any(v => v is < 0 or > InputLimits.Count))
            return $"Số bản đề nghị cấp phải từ 0 đến {InputLimits.Count}.";
        foreach (var (label, text, max) in new[]
                 {
                     ("Họ và tên", Input.FullName, InputLimits.Name), ("Số định danh", Input.IdNumber, InputLimits.Number),
                     ("Số điện thoại", Input.Phone, InputLimits.Number), ("Thư điện tử", Input.Email, InputLimits.Name),
                     ("Địa chỉ", Input.Address, InputLimits.Address), ("Lý do từ chối", Input.RefusalReason, InputLimits.Reason),
                     ("Lý do chưa số hóa", Input.UnscannedReason, ReceiveInPerson.UnscannedReasonLength),
                     ("Căn cứ miễn phí, lệ phí", Input.ExemptionReason, IntakeBuilder.ExemptionEvidenceLength),
                 })
        {
            if (text is null) continue;
            if (text.Length > max) return $"{label}: tối đa {max} ký tự (đang có {text.Length}).";
            if (InputLimits.HasControlCharacters(text)) return $"{label}: có ký tự điều khiển không hợp lệ.";
        }
        return null;
    }

    /// <summary>The on-request numbers the form has: an empty box is none asked for.</summary>
    private Dictionary<string, int>? Requested() => Input.Requested.Count == 0 ? null : Input.Requested;

    private string[]? ExemptionGroups() =>
        string.IsNullOrWhiteSpace(Input.ExemptionGroup) ? null : [Input.ExemptionGroup];

    private ApplicantInput Applicant() =>
        new(Input.Kind, Input.FullName ?? "", Input.IdNumber ?? "", Input.Phone, Input.Email, Input.Address, ExemptionGroups());

    /// <summary>Whether a requirement will be supplied from the population data (verified in this sitting): no paper, no scan.</summary>
    public bool FromPopulationData(ComponentRequirement requirement) => Verified is not null && requirement is { ReplacedByPopulationData: true };

    private HashSet<string> ReceivedCodes() => Input.Components.Where(r => r.Received).Select(r => r.Code).ToHashSet();

    private List<ComponentInput> ReceivedComponents() =>
        Input.Components.Where(r => r.Received).Select(r => new ComponentInput(r.Code, r.Count)).ToList();

    /// <summary>A postmark carries a date: kept as the start of that day, Vietnam time.</summary>
    private DateTime? PostmarkUtc() =>
        Input.Channel == Channel.Postal && Input.PostmarkDate is { } date ? VietnamTime.ToUtc(date.ToDateTime(TimeOnly.MinValue)) : null;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
