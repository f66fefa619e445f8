using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Features.Certification;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Certification;

/// <summary>Sổ chứng thực bản sao điện tử từ bản chính of a unit for a year, with its .xlsx export (docs/adr/0033e).</summary>
[Authorize(Policy = IdentitySetup.OfficialPolicy)]
public sealed class BookModel(ListCertificationBook.Handler book, CurrentUser user, TimeProvider clock) : ActionPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }

    public ListCertificationBook.Result? Book { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var problem = await TryLoadAsync(() => LoadAsync(ct));
        return problem is { Status: StatusCodes.Status404NotFound } ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(ListCertificationBook.Xlsx(Book!), XlsxWriter.ContentType, ListCertificationBook.FileName(Book!));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Year ??= VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime).Year;
        Book = await book.HandleAsync(Unit, Year.Value, user.UnitId, ct);
    }

    public override UserProblem? RefusalOf(Exception exception) =>
        exception is DomainException or NotFoundException ? UserProblem.Of(exception) : null;

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return true;
    }
}
