using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.OnlineSubmission;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Portal.Citizen.Submission;

/// <summary>Hồ sơ đang soạn: the account's unsubmitted drafts, to continue or delete.</summary>
public sealed class DraftsModel(ListDrafts.Handler list, DeleteDraft.Handler delete, IOptions<OnlineSubmissionOptions> options) : ActionPageModel
{
    public int KeepDays => (int)options.Value.KeepUnsubmittedDraftsFor.TotalDays;

    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public IReadOnlyList<ListDrafts.Item> Drafts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Drafts = await list.HandleAsync(ct);

    // Gone already (a second click) or never this account's: nothing of theirs to delete, and nothing to confirm.
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        Redirect(await delete.HandleAsync(id, ct) switch
        {
            null => "/nop-ho-so/nhap",
            { RefundDue: > 0 } => "/nop-ho-so/nhap?done=deleted-refund",
            _ => "/nop-ho-so/nhap?done=deleted",
        });

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        Drafts = await list.HandleAsync(ct);
        return true;
    }
}
