using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Forms;

namespace MotCua.Web.Pages.Office.Forms;

/// <summary>A printable form: the builder does the reading, the page shows the form or says why there is none.</summary>
public abstract class FormPageModel<T> : PageModel where T : class
{
    public T? Form { get; private set; }

    /// <summary>Why the form does not apply to this dossier (yet), shown instead of it.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>A dossier outside the official's units is a plain 404, as if it did not exist; a form that does not
    /// apply is a 404 that says why.</summary>
    protected IActionResult Show(FormResult<T> result, int unavailableStatus = StatusCodes.Status404NotFound)
    {
        if (result.Form is { } form)
        {
            Form = form;
            return Page();
        }
        if (result.Unavailable is null) return NotFound();
        Unavailable = result.Unavailable;
        Response.StatusCode = unavailableStatus;
        return Page();
    }

    /// <summary>"https://host/base": where the office was reached, for links printed on the form.</summary>
    protected Uri RequestBase => new($"{Request.Scheme}://{Request.Host}{Request.PathBase}");
}
