using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Processing;
using MotCua.Web.Features.Reception;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Dossiers;

/// <summary>One dossier, everything the office knows about it, and the actions the signed-in official may take
/// now. Each action posts to a handler here that calls the same use-case handler as the API, so the rules,
/// the unit scope and the revision check are the API's.</summary>
public sealed class DetailsModel(GetDossier.Handler get, CurrentUser user, CalendarService calendars, TimeProvider clock, AppDbContext db, UnitTree units,
    Microsoft.Extensions.Options.IOptionsMonitor<Features.Payments.PaymentOptions> payments)
    : ActionPageModel
{
    public sealed record Choice(Guid Id, string Name, string? Group = null);

    public GetDossier.View? Dossier { get; private set; }
    /// <summary>The revision the page shows, posted back by every action panel so that a change in between is refused.</summary>
    public string ShownRevision => Dossier?.Revision.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>What the applicant was sent about this dossier (e-mail, SMS).</summary>
    public IReadOnlyList<Features.Notifications.ListNotifications.Item> Notifications { get; private set; } = [];
    /// <summary>The applicant's satisfaction rating, once the result is returned (a dislike counts in the 766 index).</summary>
    public OfficeDossierRead.RatingView? Rating { get; private set; }
    /// <summary>The desk's rating screen may be opened for the applicant: returned today by the official's units, not rated yet.</summary>
    public bool CanRateAtDesk { get; private set; }
    /// <summary>The community digital team member who submitted on the applicant's behalf.</summary>
    public string? AssistedByName { get; private set; }
    /// <summary>The e-form as submitted, read with the labels of the dossier's procedure version.</summary>
    public IReadOnlyList<GetOnlineReception.FormValue> EForm { get; private set; } = [];
    /// <summary>Components the e-form is (FilledByEForm in the dossier's version, online dossiers only): no file is expected.</summary>
    public IReadOnlySet<string> MadeFromEForm { get; private set; } = new HashSet<string>();
    /// <summary>The receipts of the dossier's payments, by payment order, for its own units' officials (who alone may
    /// read them): the series and number, or empty when the number is given on first reading.</summary>
    public IReadOnlyDictionary<Guid, string> Receipts { get; private set; } = new Dictionary<Guid, string>();
    /// <summary>The signature status of the dossier's stored PDFs that carry signatures, by stored file (docs/adr/0033a).</summary>
    public IReadOnlyDictionary<Guid, Features.Signatures.FileSignature> Signatures { get; private set; } = new Dictionary<Guid, Features.Signatures.FileSignature>();
    /// <summary>The official signs with their own PKCS#12 store, so the signing forms ask for its password.</summary>
    public bool AsksCertificatePassword { get; private set; }
    /// <summary>A desk official may sign the digitized component files (Ký số thành phần hồ sơ).</summary>
    public bool CanSignComponents { get; private set; }
    public DateTime Now { get; private set; }
    public DateTime Soon { get; private set; }
    public DueState DueState { get; private set; }
    public DossierStatus Status { get; private set; }

    public bool CanReceive { get; private set; }
    public bool CanRefuse { get; private set; }
    public bool CanRequestSupplement { get; private set; }
    public bool CanRecordSupplement { get; private set; }
    public bool CanDigitize { get; private set; }
    public bool CanStartProcessing { get; private set; }
    public bool CanTransfer { get; private set; }
    public bool CanAssign { get; private set; }
    public bool CanRequestCoordination { get; private set; }
    public IReadOnlyList<GetDossier.CoordinationView> CoordinationsToAnswer { get; private set; } = [];
    public bool CanUploadDraft { get; private set; }
    public bool CanSubmitForApproval { get; private set; }
    public bool CanApprove { get; private set; }
    public bool CanSendBack { get; private set; }
    public bool CanIssue { get; private set; }
    public bool CanRequestFinancialObligation { get; private set; }
    public bool CanConfirmFinancialObligation { get; private set; }
    public bool CanRecordPayment { get; private set; }
    public bool CanReturn { get; private set; }
    public bool CanApologize { get; private set; }
    /// <summary>The letter is owed at the latest one working day before the legal due date, and that time has passed.</summary>
    public bool ApologyWouldBeLate { get; private set; }
    public bool CanStop { get; private set; }
    public bool CanWithdraw { get; private set; }

    public bool HasActions =>
        CanReceive || CanRefuse || CanRequestSupplement || CanRecordSupplement || CanDigitize || CanStartProcessing || CanTransfer || CanAssign
        || CanRequestCoordination || CoordinationsToAnswer.Count > 0 || CanUploadDraft || CanSubmitForApproval || CanApprove || CanSendBack
        || CanIssue || CanRequestFinancialObligation || CanConfirmFinancialObligation || CanRecordPayment || CanReturn || CanApologize
        || CanStop || CanWithdraw;

    public IReadOnlyList<Choice> ProcessingUnits { get; private set; } = [];
    /// <summary>The unit preselected in "Chuyển bộ phận xử lý".</summary>
    public Guid? DefaultProcessingUnit { get; private set; }
    public IReadOnlyList<Choice> TransferUnits { get; private set; } = [];
    public IReadOnlyList<Choice> CoordinationUnits { get; private set; } = [];
    public IReadOnlyList<Choice> Specialists { get; private set; } = [];

    /// <summary>The printable forms that exist for the dossier as it stands (built at /office/forms/NN/{id}).</summary>
    public IReadOnlyList<(string Number, string Name)> Forms { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => ShowAsync(id, null, StatusCodes.Status200OK, ct);

    // ---------------------------------------------------------------- reception

    public Task<IActionResult> OnPostReceiveAsync(Guid id, int? revision, [FromServices] ReceiveOnline.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new ReceiveOnline.Request(revision), ct),
            d => $"Đã tiếp nhận hồ sơ, hẹn trả kết quả {DossierDisplay.Time(d.DueAtUtc)}.");

    public Task<IActionResult> OnPostRefuseAsync(Guid id, int? revision, string? reason, [FromServices] RefuseDossier.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new RefuseDossier.Request(reason ?? "", revision), ct),
            _ => "Đã từ chối tiếp nhận hồ sơ. In Phiếu từ chối (Mẫu 03) cho người nộp.");

    public Task<IActionResult> OnPostRequestSupplementAsync(Guid id, int? revision, string? reason, string? missingItems,
        [FromServices] RequestSupplement.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new RequestSupplement.Request(reason ?? "", Lines(missingItems), revision), ct),
            _ => "Đã yêu cầu bổ sung hồ sơ; thời gian giải quyết tạm dừng. In Phiếu yêu cầu bổ sung (Mẫu 02).");

    public Task<IActionResult> OnPostRecordSupplementAsync(Guid id, int? revision, string? note, [FromServices] RecordSupplement.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new RecordSupplement.Request(note, revision), ct),
            d => d.DueAtUtc is { } due ? $"Đã ghi nhận bổ sung hồ sơ, hẹn trả mới {DossierDisplay.Time(due)}." : "Đã ghi nhận bổ sung hồ sơ.");

    public Task<IActionResult> OnPostDigitizeAsync(Guid id, int? revision, Guid componentId, List<IFormFile>? files,
        [FromServices] DigitizeComponent.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, componentId, files ?? [], revision, ct), _ => "Đã số hóa thành phần hồ sơ.");

    // ---------------------------------------------------------------- processing

    public Task<IActionResult> OnPostStartProcessingAsync(Guid id, int? revision, Guid unitId, [FromServices] StartProcessing.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new StartProcessing.Request(unitId, revision), ct),
            _ => "Đã chuyển hồ sơ đến bộ phận xử lý.");

    public Task<IActionResult> OnPostTransferAsync(Guid id, int? revision, Guid unitId, string? note, [FromServices] TransferDossier.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new TransferDossier.Request(unitId, note, revision), ct),
            _ => "Đã chuyển hồ sơ sang đơn vị khác.");

    public Task<IActionResult> OnPostAssignAsync(Guid id, int? revision, Guid officialId, [FromServices] AssignDossier.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new AssignDossier.Request(officialId, revision), ct),
            d => $"Đã phân công {d.AssigneeName} xử lý hồ sơ.");

    public Task<IActionResult> OnPostRequestCoordinationAsync(Guid id, int? revision, Guid unitId, string? question, string? dueAt,
        [FromServices] RequestCoordination.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new RequestCoordination.Request(unitId, question ?? "", ParseLocal(dueAt, "hạn trả lời phối hợp"), revision), ct),
            _ => "Đã gửi đề nghị lấy ý kiến phối hợp.");

    public Task<IActionResult> OnPostAnswerCoordinationAsync(Guid id, int? revision, Guid coordinationId, string? answer,
        [FromServices] AnswerCoordination.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, coordinationId, new AnswerCoordination.Request(answer ?? "", revision), ct),
            _ => "Đã gửi ý kiến phối hợp.");

    public Task<IActionResult> OnPostUploadDraftAsync(Guid id, int? revision, IFormFile? file, [FromServices] UploadDraft.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, file ?? throw new DomainException("Chưa chọn tệp dự thảo để tải lên."), revision, ct),
            _ => "Đã tải lên dự thảo kết quả.");

    public Task<IActionResult> OnPostSubmitForApprovalAsync(Guid id, int? revision, string? note, [FromServices] SubmitForApproval.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new SubmitForApproval.Request(note, revision), ct),
            _ => "Đã trình lãnh đạo ký duyệt.");

    public Task<IActionResult> OnPostApproveAsync(Guid id, int? revision, string? note, string? password, [FromServices] ApproveDossier.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new ApproveDossier.Request(note, revision, password), ct),
            _ => "Đã phê duyệt; hồ sơ chuyển văn thư phát hành.");

    public Task<IActionResult> OnPostSignFileAsync(Guid id, int? revision, Guid fileId, string? password,
        [FromServices] Features.Signatures.SignComponentFile.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, fileId, new Features.Signatures.SignComponentFile.Request(password, revision), ct),
            _ => "Đã ký số tệp thành phần hồ sơ.");

    public Task<IActionResult> OnPostSendBackAsync(Guid id, int? revision, string? reason, [FromServices] SendBackDossier.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new SendBackDossier.Request(reason ?? "", revision), ct),
            _ => "Đã trả lại dự thảo cho chuyên viên.");

    public Task<IActionResult> OnPostIssueAsync(Guid id, int? revision, string? number, string? resultCode, IFormFile? file,
        [FromServices] IssueResult.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new IssueResult.Request(number ?? "", resultCode, revision),
                file ?? throw new DomainException("Chưa chọn tệp kết quả đã ký để đính kèm."), ct),
            _ => "Đã vào số, phát hành kết quả.");

    public Task<IActionResult> OnPostRequestFinancialObligationAsync(Guid id, int? revision, string? description,
        [FromServices] FinancialObligation.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.RequestAsync(id, new FinancialObligation.Request(description ?? "", revision), ct),
            _ => "Đã yêu cầu người nộp thực hiện nghĩa vụ tài chính.");

    public Task<IActionResult> OnPostConfirmFinancialObligationAsync(Guid id, int? revision, [FromServices] FinancialObligation.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.ConfirmAsync(id, new FinancialObligation.Confirmation(revision), ct),
            _ => "Đã xác nhận người nộp hoàn thành nghĩa vụ tài chính.");

    public Task<IActionResult> OnPostPaymentAsync(Guid id, int? revision, string? amount, PaymentMethod method, string? reference,
        [FromServices] RecordPayment.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new RecordPayment.Request(ParseMoney(amount), method, reference ?? "", revision), ct),
            d => $"Đã ghi nhận thu phí, lệ phí; đã nộp {DossierDisplay.Money(d.AmountPaid)} / {DossierDisplay.Money(d.FeesOwed)}.");

    public Task<IActionResult> OnPostReturnAsync(Guid id, int? revision, ReturnMethod method, string? receivedBy, [FromServices] ReturnResult.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new ReturnResult.Request(method, receivedBy, revision), ct),
            _ => "Đã trả kết quả.");

    public Task<IActionResult> OnPostApologizeAsync(Guid id, int? revision, string? reason, string? newDueAt, [FromServices] Apologize.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.HandleAsync(id, new Apologize.Request(reason ?? "", ParseLocal(newDueAt, "ngày hẹn trả mới"), revision), ct),
            // The history entry just written says whether the letter was sent late.
            d => $"Đã ghi nhận văn bản xin lỗi. {d.History[^1].Description}. In văn bản (Mẫu 04).");

    public Task<IActionResult> OnPostStopAsync(Guid id, int? revision, string? reason, [FromServices] StopOrWithdraw.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.StopAsync(id, new StopOrWithdraw.Request(reason ?? "", revision), ct),
            _ => "Đã dừng xử lý hồ sơ. In Thông báo dừng giải quyết (Mẫu 05).");

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, int? revision, string? reason, IFormFile? file, [FromServices] StopOrWithdraw.Handler handler, CancellationToken ct) =>
        ActAsync(id, () => handler.WithdrawAsync(id, new StopOrWithdraw.Request(reason ?? "", revision), file, ct),
            _ => "Đã ghi nhận người nộp rút hồ sơ; đơn đề nghị rút hồ sơ đã được lưu cùng hồ sơ.");

    // ---------------------------------------------------------------- mechanics

    /// <summary>Post/redirect/get; a refusal is shown by <see cref="RefusedPostFilter"/> (<see cref="ShowRefusedAsync"/>).</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<Dossier>> act, Func<Dossier, string> done) =>
        RedirectWithNotice(done(await act()), $"/office/dossiers/{id}");

    /// <summary>Every refusal the API gives (403, 409, 422) is shown, with the API's status code.</summary>
    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    /// <summary>The page again with the dossier as it is now and the reason; a dossier out of reach is this page's 404.</summary>
    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        if (problem.Status == StatusCodes.Status404NotFound) return NotFoundPage();
        return await ShowAsync(RouteId, problem.Detail, problem.Status, ct);
    }

    protected override Task<bool> ReloadAsync(CancellationToken ct) => LoadAsync(RouteId, ct);

    private Guid RouteId => Guid.Parse(RouteData.Values["id"]?.ToString() ?? "", CultureInfo.InvariantCulture);

    private async Task<IActionResult> ShowAsync(Guid id, string? error, int status, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFoundPage();
        Error = error;
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await OfficeDossierRead.LoadAsync(get, db, id, ct) is not { } read) return false;
        Dossier = read.Dossier;
        (Notifications, Rating, AssistedByName, EForm, MadeFromEForm) = (read.Notifications, read.Rating, read.AssistedByName, read.EForm, read.MadeFromEForm);
        Now = clock.GetUtcNow().UtcDateTime;
        var year = VietnamTime.ToLocal(Now).Year;
        var calendar = await calendars.GetAsync(year - 1, year + 1, ct);
        Soon = calendar.AddWorkingTime(Now, calendar.OfficeHours.DayLength);
        Status = (DossierStatus)Dossier.Status;
        var paused = Dossier.Supplements.Where(s => s.State != SupplementState.Answered).Max(s => (DateTime?)s.RequestedAtUtc);
        DueState = new Timeliness(Status, Dossier.DueAtUtc, Dossier.ProcessingEndedAtUtc, Dossier.SupplementCount,
            paused).StateAt(Now, Soon);
        var ours = read.Ours;
        await DecideActionsAsync(Dossier, ours, ct);
        CanRateAtDesk = Rating is null
            && Features.Ratings.RateAtDesk.Handler.MayOpen(Status, Dossier.ReturnedAtUtc, ours, user.IsInRole(OfficialRole.DeskOfficial), Now);
        ApologyWouldBeLate = CanApologize && Dossier.DueAtUtc is { } legalDue && Features.Dossiers.Dossier.ApologyIsLate(calendar, legalDue, Now);
        await LoadOptionsAsync(Dossier, ct);
        // The forms are printed by the dossier's own units (their pages refuse anyone else).
        Forms = ours ? FormsOf(Dossier) : [];
        Receipts = ours ? await ReceiptsOfAsync(id, ct) : new Dictionary<Guid, string>();
        Signatures = await Features.Signatures.FileSignatures.ForAsync(db, Dossier.Files.Select(f => f.StoredFileId), ct);
        CanSignComponents = CanDigitize && user.IsInRole(OfficialRole.DeskOfficial);
        var me = user.Id.ToString("N");
        AsksCertificatePassword = (CanSignComponents || CanApprove)
            && await db.Set<Features.Signatures.SigningCredential>().AnyAsync(c => c.Owner == me && c.Kind == Features.Signatures.SigningCredentialKind.OfficialPkcs12, ct);
        return true;
    }

    private async Task<Dictionary<Guid, string>> ReceiptsOfAsync(Guid id, CancellationToken ct)
    {
        var orders = await db.Set<Features.Payments.PaymentOrder>().AsNoTracking()
            .Where(o => o.DossierId == id && (o.State == Features.Payments.PaymentState.Paid || o.State == Features.Payments.PaymentState.Refunded))
            .Select(o => new { o.Id, o.ReceiptYear, o.ReceiptNumber }).ToListAsync(ct);
        var options = payments.CurrentValue.Receipts;
        return orders.ToDictionary(o => o.Id, o => o.ReceiptNumber is { } n
            ? $"{options.Series(o.ReceiptYear!.Value)}/{n.ToString("0000000", CultureInfo.InvariantCulture)}"
            : "");
    }

    private PageResult NotFoundPage()
    {
        Dossier = null;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    /// <summary>What the workflow table offers the signed-in official now (<see cref="Features.Dossiers.Dossier.AvailableOperations"/>):
    /// the same rows and guards the dossier checks when the action is posted. Roles count only in the dossier's own
    /// units (<paramref name="ours"/>): an official of a consulted unit is offered nothing but the answer to their
    /// unit's request.</summary>
    private async Task DecideActionsAsync(GetDossier.View d, bool ours, CancellationToken ct)
    {
        var dossier = await db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(x => x.Components).Include(x => x.Supplements).Include(x => x.Coordinations)
            .SingleAsync(x => x.Id == d.Id, ct);
        var who = WorkflowActor.Official(Enum.GetValues<OfficialRole>().Where(user.IsInRole), ours, user.Id, user.UnitId);
        var can = dossier.AvailableOperations(who);

        CanReceive = can.Contains(DossierOperation.Receive);
        CanRefuse = can.Contains(DossierOperation.Refuse);
        CanRequestSupplement = can.Contains(DossierOperation.RequestSupplement);
        CanRecordSupplement = can.Contains(DossierOperation.AnswerSupplement);
        CanDigitize = can.Contains(DossierOperation.AttachComponentFile);
        CanStartProcessing = can.Contains(DossierOperation.StartProcessing);
        CanTransfer = can.Contains(DossierOperation.Transfer);
        CanAssign = can.Contains(DossierOperation.Assign);
        CanRequestCoordination = can.Contains(DossierOperation.RequestCoordination);
        CoordinationsToAnswer = can.Contains(DossierOperation.AnswerCoordination)
            ? [.. d.Coordinations.Where(c => c.AnsweredAtUtc is null && c.UnitId == user.UnitId)]
            : [];
        CanUploadDraft = can.Contains(DossierOperation.AttachDraft);
        CanSubmitForApproval = can.Contains(DossierOperation.SubmitForApproval);
        CanApprove = can.Contains(DossierOperation.Approve);
        CanSendBack = can.Contains(DossierOperation.SendBack);
        CanIssue = can.Contains(DossierOperation.Decide);
        CanRequestFinancialObligation = can.Contains(DossierOperation.RequestFinancialObligation);
        CanConfirmFinancialObligation = can.Contains(DossierOperation.FulfilFinancialObligation);
        CanRecordPayment = can.Contains(DossierOperation.RecordPayment);
        CanReturn = can.Contains(DossierOperation.ReturnResult);
        CanApologize = can.Contains(DossierOperation.Apologize);
        CanStop = can.Contains(DossierOperation.Stop);
        CanWithdraw = can.Contains(DossierOperation.Withdraw);
    }

    /// <summary>The choices the shown forms need, loaded only for the forms that are shown.</summary>
    private async Task LoadOptionsAsync(GetDossier.View d, CancellationToken ct)
    {
        if (CanStartProcessing && user.UnitId is { } mine)
        {
            // The desk hands the dossier on, never to itself: one-stop desks and centres are not processing units.
            var scope = await units.ScopeOfAsync(mine, ct);
            var desks = await db.Units.AsNoTracking()
                .Where(u => scope.Contains(u.Id) && (u.Kind == UnitKind.OneStopDesk || u.Kind == UnitKind.PublicServiceCenter))
                .Select(u => u.Id).ToListAsync(ct);
            ProcessingUnits = await UnitsAsync(scope.Except(desks), null, ct);
            DefaultProcessingUnit = await DefaultProcessingUnitAsync(d, ct);
        }

        if (CanTransfer || CanRequestCoordination)
        {
            var all = await db.Units.AsNoTracking().Where(u => u.IsActive)
                .Select(u => new UnitTree.Node(u.Id, u.ParentId, u.Kind, u.Name, u.AgencyCode)).ToListAsync(ct);
            var byId = all.ToDictionary(u => u.Id);
            var holder = await units.AdministrativeUnitOfAsync(d.CurrentUnitId, ct);
            var province = ProvinceOf(holder.Id, byId);
            var otherAdministrative = all
                .Where(u => UnitTree.IsAdministrative(u.Kind) && u.Kind != UnitKind.Province && u.Id != holder.Id && ProvinceOf(u.Id, byId) == province)
                .OrderBy(u => u.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false))
                .Select(u => new Choice(u.Id, u.Name, "Xã, phường khác trong tỉnh")).ToList();
            if (CanTransfer) TransferUnits = otherAdministrative;
            if (CanRequestCoordination)
            {
                var inside = await UnitsAsync(await units.ScopeOfAsync(holder.Id, ct), d.CurrentUnitId, ct);
                var provincial = all.Where(u => u.ParentId == province && !UnitTree.IsAdministrative(u.Kind))
                    .OrderBy(u => u.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false))
                    .Select(u => new Choice(u.Id, u.Name, "Cơ quan cấp tỉnh"));
                CoordinationUnits = [.. inside.Select(o => o with { Group = "Trong " + holder.Name }), .. provincial, .. otherAdministrative];
            }
        }

        if (CanAssign)
        {
            // A department's leader assigns within the department that holds the dossier; only when the commune
            // itself holds it are the specialists of all its departments candidates.
            var holding = await units.FindAsync(d.CurrentUnitId, ct);
            var holder = await units.AdministrativeUnitOfAsync(d.CurrentUnitId, ct);
            var scope = holding is { Kind: UnitKind.Department } ? [d.CurrentUnitId] : (await units.ScopeOfAsync(holder.Id, ct)).ToList();
            var roleId = await db.Roles.Where(r => r.Name == nameof(OfficialRole.Specialist)).Select(r => r.Id).SingleOrDefaultAsync(ct);
            var officials = await db.Officials.AsNoTracking()
                .Where(o => scope.Contains(o.UnitId) && db.UserRoles.Any(ur => ur.UserId == o.Id && ur.RoleId == roleId))
                .OrderBy(o => o.FullName).Select(o => new { o.Id, o.FullName, o.UnitId }).ToListAsync(ct);
            var named = new List<Choice>();
            foreach (var o in officials)
                named.Add(new Choice(o.Id, $"{o.FullName} — {(await units.FindAsync(o.UnitId, ct))?.Name}"));
            Specialists = named;
        }
    }

    /// <summary>Where the desk sends this dossier unless told otherwise: the department that took the latest dossier
    /// of the same procedure from this unit, or the only department there is.</summary>
    private async Task<Guid?> DefaultProcessingUnitAsync(GetDossier.View d, CancellationToken ct)
    {
        var choices = ProcessingUnits.Select(u => u.Id).ToList();
        var procedureId = await db.Dossiers.Where(x => x.Id == d.Id).Select(x => x.ProcedureId).SingleAsync(ct);
        var latest = await db.Dossiers.AsNoTracking()
            .Where(x => x.ProcedureId == procedureId && x.Id != d.Id && x.ReceivingUnitId == d.ReceivingUnitId && choices.Contains(x.CurrentUnitId))
            .OrderByDescending(x => x.ReceivedAtUtc).Select(x => (Guid?)x.CurrentUnitId).FirstOrDefaultAsync(ct);
        if (latest is not null) return latest;
        var departments = new List<Guid>();
        foreach (var id in choices)
            if (await units.FindAsync(id, ct) is { Kind: UnitKind.Department }) departments.Add(id);
        return departments.Count == 1 ? departments[0] : null;
    }

    private async Task<List<Choice>> UnitsAsync(IEnumerable<Guid> ids, Guid? except, CancellationToken ct)
    {
        var nodes = new List<UnitTree.Node>();
        foreach (var id in ids)
            if (id != except && await units.FindAsync(id, ct) is { } node) nodes.Add(node);
        // The commune itself first, then its departments and desks by name.
        return [.. nodes.OrderBy(n => UnitTree.IsAdministrative(n.Kind) ? 0 : 1)
            .ThenBy(n => n.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false))
            .Select(n => new Choice(n.Id, n.Name))];
    }

    private static Guid? ProvinceOf(Guid unitId, Dictionary<Guid, UnitTree.Node> byId)
    {
        var node = byId.GetValueOrDefault(unitId);
        while (node is { Kind: not UnitKind.Province, ParentId: { } parent }) node = byId.GetValueOrDefault(parent);
        return node?.Kind == UnitKind.Province ? node.Id : null;
    }

    /// <summary>A step or a coordination against its own due date: finished on time or late, or still running.</summary>
    public (string Css, string Word)? Timing(DateTime? started, DateTime due, DateTime? finished)
    {
        if (finished is { } f) return f > due ? ("late", "Trễ hạn") : ("ontrack", "Đúng hạn");
        if (started is null) return null;
        if (Status == DossierStatus.SupplementRequested) return ("paused", DossierDisplay.PausedWord);
        var state = new Timeliness(DossierStatus.InProgress, due, null, 0, null).StateAt(Now, Soon);
        return (DossierDisplay.DueCss(state), DossierDisplay.DueWord(state));
    }

    private static List<(string, string)> FormsOf(GetDossier.View d)
    {
        var forms = new List<(string, string)>();
        var status = (DossierStatus)d.Status;
        if (d.ReceivedAtUtc is not null) forms.Add(("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"));
        if (d.Supplements.Count > 0) forms.Add(("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"));
        if (status == DossierStatus.Refused) forms.Add(("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"));
        if (d.Apology is not null) forms.Add(("04", "Văn bản xin lỗi và hẹn lại ngày trả kết quả"));
        if (status == DossierStatus.Stopped) forms.Add(("05", "Thông báo dừng giải quyết hồ sơ"));
        if (d.ReceivedAtUtc is not null) forms.Add(("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ"));
        return forms;
    }

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A datetime-local field, entered in Vietnam time, as UTC.</summary>
    private static DateTime ParseLocal(string? value, string what)
    {
        string[] formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "HH:mm dd/MM/yyyy", "dd/MM/yyyy HH:mm"];
        if (DateTime.TryParseExact(value?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return VietnamTime.ToUtc(local);
        throw new DomainException($"Chưa nhập hoặc nhập chưa đúng {what} (ngày và giờ, theo giờ Việt Nam).");
    }

    /// <summary>Amounts as people type them: "20.000", "20 000 ₫".</summary>
    private static long ParseMoney(string? value)
    {
        var digits = new string((value ?? "").Where(c => !char.IsWhiteSpace(c) && c is not ('.' or ',' or '₫' or 'đ')).ToArray());
        if (digits.Length is > 0 and <= 15 && digits.All(char.IsAsciiDigit)) return long.Parse(digits, CultureInfo.InvariantCulture);
        throw new DomainException("Số tiền không hợp lệ: chỉ nhập số đồng, ví dụ 20.000.");
    }
}
