using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Feedback;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Feedback;

/// <summary>One item: what was said, by whom, about which dossier (with the dossier's own rating beside it), its
/// deadlines and history, and the forms of the steps the official's roles allow now (the workflow table decides).</summary>
public sealed class DetailsModel(OfficeFeedback reads, HandleFeedback.Handler handle, ListUnits.Handler units) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int? Revision { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty(Name = "PublishedTitle")] public string? TitleToPublish { get; set; }

    public OfficeFeedback.Item View { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ReloadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(FeedbackOperation op, CancellationToken ct)
    {
        var request = new HandleFeedback.Request(Revision, Text, Unit, TitleToPublish);
        var item = op switch
        {
            FeedbackOperation.Refuse => await handle.RefuseAsync(Id, request, ct),
            FeedbackOperation.RequestInfo => await handle.RequestInfoAsync(Id, request, ct),
            FeedbackOperation.ProvideInfo => await handle.ProvideInfoAsync(Id, request, ct),
            FeedbackOperation.Transfer => await handle.TransferAsync(Id, request, ct),
            FeedbackOperation.Answer => await handle.AnswerAsync(Id, request, ct),
            FeedbackOperation.Publish => await handle.PublishAsync(Id, request, ct),
            _ => throw new DomainException("Thao tác không hợp lệ."),
        };
        // A transfer usually takes the item out of the official's units: its page would then be a 404, so the list is shown.
        return op == FeedbackOperation.Transfer
            ? RedirectWithNotice($"Đã chuyển {item.Code} đến {item.UnitName}.", "/office/feedback")
            : RedirectWithNotice($"Đã {op.DisplayName().ToLowerInvariant()}: {item.Code} — {item.Status.DisplayName()}.", $"/office/feedback/{Id}");
    }

    public override UserProblem? RefusalOf(Exception exception) => UserProblem.Of(exception);

    public override async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status is StatusCodes.Status404NotFound or StatusCodes.Status403Forbidden) return StatusCode(problem.Status);
        Error = problem.Detail;
        Response.StatusCode = problem.Status;
        return await ReloadAsync(ct) ? Page() : NotFound();
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        if (await reads.FindAsync(Id, ct) is not { } view) return false;
        View = view;
        if (View.Actions.Contains(nameof(FeedbackOperation.Transfer)))
            Units = [.. (await units.HandleAsync(ct)).Where(u => UnitTree.IsAdministrative(u.Kind)).Select(u => (u.AgencyCode, u.Name))];
        return true;
    }
}
