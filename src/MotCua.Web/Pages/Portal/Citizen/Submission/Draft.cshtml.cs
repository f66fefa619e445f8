using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.OnlineSubmission;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Citizen.Submission;

/// <summary>Khai hồ sơ trực tuyến: one form in four sections (applicant, e-form, components, fee) with several
/// buttons. Whatever button is pressed, what was typed and the files chosen are saved first — nothing entered is lost,
/// and everything works without JavaScript — then the button's own action runs (upload, remove a file, take one from
/// the data store, submit). After a change the page is fetched again (post-redirect-get), so a refresh re-sends nothing.</summary>
// Several components of several files each: more than the server's default request size.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class DraftModel(
    GetDraft.Handler drafts, SaveDraft.Handler save, RemoveDraftFile.Handler remove, TakeFromDataStore.Handler take, SubmitDraft.Handler submit,
    PayDraft.Handler pay, TakePopulationData.Handler population, IOptions<UploadOptions> uploads, IOptions<FormsOptions> forms, AppDbContext db) : PageModel, IRefusablePage
{
    public const long MaxRequestBytes = 200L * 1024 * 1024;

    public sealed class ApplicantFields
    {
        public string? Name { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Address { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid DraftId { get; set; }
    [BindProperty] public ApplicantFields Applicant { get; set; } = new();
    /// <summary>The exemption group the applicant declares, and the paper that shows it.</summary>
    [BindProperty] public string? ExemptionGroup { get; set; }
    [BindProperty] public string? ExemptionReason { get; set; }
    /// <summary>What the last change was, to confirm it after the redirect.</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public GetDraft.View View { get; private set; } = null!;
    /// <summary>The e-form's values to show: as saved, or as just posted when the post was refused.</summary>
    public IReadOnlyDictionary<string, string> Entered { get; private set; } = new Dictionary<string, string>();
    /// <summary>E-form fields pre-filled from what the system knows (<see cref="DeclarationPrefill"/>) → where from.</summary>
    public IReadOnlyDictionary<string, string> Prefilled { get; private set; } = new Dictionary<string, string>();
    /// <summary>The citizen's spouse as an earlier dossier gave them: the other parent once "Quan hệ" says which one the citizen is.</summary>
    public DeclarationPrefill.Person? Spouse { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = new Dictionary<string, string>();
    /// <summary>True when the refusal concerned files: the browser has forgotten the chosen files, so say so.</summary>
    public bool FilesRefused { get; private set; }

    /// <summary>What the last post carried, for the page shown again if it is refused.</summary>
    private SaveDraft.Request? _posted;

    public long MaxFileMegabytes => uploads.Value.MaxFileBytes / 1024 / 1024;

    public string ActionUrl(string handler, string? query = null) =>
        $"/nop-ho-so/nhap/{DraftId}?handler={handler}{(query is null ? "" : "&" + query)}";

    public string? Notice => Done switch
    {
        "saved" => $"Đã lưu nháp lúc {VietnamTime.Format(View.Draft.UpdatedAtUtc)}. Bạn có thể quay lại tiếp tục bất cứ lúc nào tại \"Hồ sơ đang soạn\".",
        "uploaded" => "Đã tải tệp lên và lưu nháp.",
        "removed" => "Đã xóa tệp khỏi hồ sơ.",
        "reused" => "Đã lấy giấy tờ từ kho dữ liệu vào hồ sơ.",
        "population" => "Đã lấy thông tin của bạn từ Cơ sở dữ liệu quốc gia về dân cư.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (View.SubmittedDossierCode is { } code) return Receipt(code);
        Applicant = new ApplicantFields
        {
            Name = View.Draft.ApplicantName, IdNumber = View.Draft.ApplicantIdNumber,
            Phone = View.Draft.ApplicantPhone, Email = View.Draft.ApplicantEmail, Address = View.Draft.ApplicantAddress,
        };
        (Entered, Prefilled) = await PrefillAsync(ct);
        (ExemptionGroup, ExemptionReason) = (View.Draft.ExemptionGroup, View.Draft.ExemptionReason);
        return Page();
    }

    /// <summary>The saved e-form with what the account and the citizen's earlier dossiers already say. Not for a draft
    /// made on someone else's behalf: the team member's account is not the applicant's.</summary>
    private async Task<(IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>)> PrefillAsync(CancellationToken ct)
    {
        var draft = View.Draft;
        if (draft.Assisted || View.Content.FormFields.Count == 0) return (View.Entered, new Dictionary<string, string>());
        var me = await db.Citizens.AsNoTracking().Where(c => c.Id == draft.AccountId)
            .Select(c => new { c.FullName, c.PersonalIdNumber, c.PhoneNumber, c.Email, c.Address }).SingleOrDefaultAsync(ct);
        if (me is null) return (View.Entered, new Dictionary<string, string>());
        // The newest few are enough to know a family; FormData is read as the office reads it.
        var earlier = await db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == draft.AccountId && d.FormData != null)
            .OrderByDescending(d => d.SubmittedAtUtc).Take(20).Select(d => d.FormData).ToListAsync(ct);
        var (father, mother, spouse) = DeclarationPrefill.FromEarlier(earlier.Select(EFormValidation.ReadEntered), me.PersonalIdNumber);
        Spouse = spouse;
        // The registry's name and residence, when the draft has the citizen's own record, stand before the account's.
        var registry = View.Population.Facts;
        var filled = DeclarationPrefill.Fill(View.Content.FormFields, View.Entered,
            new DeclarationPrefill.Known(registry?.FullName ?? me.FullName, me.PersonalIdNumber, me.PhoneNumber, me.Email, me.Address ?? registry?.Residence,
                father, mother, spouse, FromPopulationData: registry is not null, AddressFromPopulationData: me.Address is null && registry?.Residence is not null));
        return (filled.Entered, filled.Sources);
    }

    /// <summary>Thanh toán phí, lệ phí trước khi nộp: saves, then sends the payer to the gateway for what the draft owes.</summary>
    public Task<IActionResult> OnPostPayAsync(CancellationToken ct) =>
        SaveThenAsync(async _ =>
        {
            var back = (forms.Value.PublicBaseUrl is { } configured ? configured.ToString().TrimEnd('/') : $"{Request.Scheme}://{Request.Host}")
                       + $"/nop-ho-so/nhap/{DraftId}/thanh-toan";
            var started = await pay.StartAsync(DraftId, new Features.Payments.PaymentRequest(back, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", default), ct);
            return started is null ? NotFound() : Redirect(started.GatewayUrl);
        }, ct);

    /// <summary>Enter in a text box, "Lưu nháp" and "Tải lên" all save; only the confirmation differs.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => OnPostSaveAsync(ct);

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) =>
        SaveThenAsync(added => Task.FromResult<IActionResult>(Back(added > 0 ? "uploaded" : "saved")), ct);

    public Task<IActionResult> OnPostUploadAsync(CancellationToken ct) => OnPostSaveAsync(ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid file, CancellationToken ct) =>
        SaveThenAsync(async _ => await remove.HandleAsync(DraftId, file, ct) ? Back("removed") : NotFound(), ct);

    public Task<IActionResult> OnPostReuseAsync(string component, Guid document, CancellationToken ct) =>
        SaveThenAsync(async _ => await take.HandleAsync(DraftId, component ?? "", document, ct) ? Back("reused") : NotFound(), ct);

    /// <summary>"Lấy thông tin từ Cơ sở dữ liệu quốc gia về dân cư": saves, then looks up the citizen's own record again.</summary>
    public Task<IActionResult> OnPostPopulationAsync(CancellationToken ct) =>
        SaveThenAsync(async _ =>
        {
            var found = await population.HandleAsync(DraftId, ct);
            if (found is null) return NotFound();
            if (found.VerificationId is not null) return Back("population");
            await ShowSavedAsync(ct);
            Problems = [found.Message];
            return Page();
        }, ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) =>
        SaveThenAsync(async _ =>
        {
            var result = await submit.HandleAsync(DraftId, ct);
            if (!result.Found) return NotFound();
            if (result.DossierCode is { } code) return Receipt(code);
            await ShowSavedAsync(ct);
            Problems = result.Problems;
            FieldErrors = result.FieldErrors;
            return Page();
        }, ct);

    /// <summary>Saves what the form carries, then runs <paramref name="next"/> (given the number of files added). A
    /// refused save changes nothing and shows the page again with what was typed.</summary>
    private async Task<IActionResult> SaveThenAsync(Func<int, Task<IActionResult>> next, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (View.SubmittedDossierCode is { } code) return Receipt(code);
        var request = _posted = ReadRequest(View);
        var saved = await save.HandleAsync(DraftId, request, ct);
        switch (saved.Outcome)
        {
            case SaveDraft.Outcome.NotFound:
                return NotFound();
            case SaveDraft.Outcome.AlreadySubmitted:
                // Submitted by another request a moment ago (a double click): the same receipt.
                var submitted = await submit.HandleAsync(DraftId, ct);
                return submitted.DossierCode is { } same ? Receipt(same) : NotFound();
            default:
                return await next(saved.FilesAdded);
        }
    }

    public UserProblem? RefusalOf(Exception exception) => exception is DomainException ? UserProblem.Of(exception) : null;

    /// <summary>The draft is as it was; the page keeps what was typed so that only the files need choosing again.</summary>
    public async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        Problems = [problem.Detail];
        FilesRefused = _posted?.Uploads.Count > 0;
        if (_posted is not null) Entered = _posted.Form;
        await LoadAsync(ct);
        return Page();
    }

    private SaveDraft.Request ReadRequest(GetDraft.View view)
    {
        var form = view.Content.FormFields.ToDictionary(f => f.Key, f => Request.HasFormContentType ? Request.Form[FieldName(f)].ToString() : "",
            StringComparer.Ordinal);
        var files = Request.HasFormContentType
            ? view.Slots.SelectMany(s => Request.Form.Files.GetFiles(FileFieldName(s.Requirement)).Select(f => new SaveDraft.Upload(s.Requirement.Code, f))).ToList()
            : [];
        return new SaveDraft.Request(Applicant.Name, Applicant.IdNumber, Applicant.Phone, Applicant.Email, Applicant.Address, form, files,
            ExemptionGroup, ExemptionReason);
    }

    /// <summary>After a refused submission: the page shows the draft as now saved.</summary>
    private async Task ShowSavedAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Entered = View.Entered;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await drafts.HandleAsync(DraftId, ct);
        if (view is null) return false;
        View = view;
        return true;
    }

    private RedirectResult Back(string done) => Redirect($"/nop-ho-so/nhap/{DraftId}?done={done}");

    private RedirectResult Receipt(string code) => Redirect($"/nop-ho-so/bien-nhan/{Uri.EscapeDataString(code)}");

    // Names are built from the version's keys and read back by the same keys, whatever characters a key holds.
    public static string FieldName(EFormField field) => $"Form[{field.Key}]";

    public static string FileFieldName(ComponentRequirement requirement) => $"Files[{requirement.Code}]";

    /// <summary>The value for an &lt;input type="date"&gt;, which only takes yyyy-MM-dd.</summary>
    public static string DateValue(string? entered) =>
        EFormValidation.ParseDate(entered) is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : entered ?? "";

    public static string FormName(ComponentForm form) => form switch
    {
        ComponentForm.Original => "Bản chính",
        ComponentForm.Copy => "Bản sao",
        ComponentForm.CertifiedCopy => "Bản sao có chứng thực hoặc bản sao điện tử có chứng thực",
        ComponentForm.OriginalToShow => "Bản chính để đối chiếu",
        _ => form.ToString(),
    };
}
