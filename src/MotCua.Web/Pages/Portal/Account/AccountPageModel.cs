using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Identity;

namespace MotCua.Web.Pages.Portal.Account;

/// <summary>What the account pages share: the problems of the form just sent, shown in a summary at the top and
/// beside each field.</summary>
public abstract class AccountPageModel : PageModel
{
    public IReadOnlyList<FieldProblem> Problems { get; protected set; } = [];

    /// <summary>The problems with one field, as one sentence (null when there are none).</summary>
    public string? ErrorFor(string field)
    {
        var messages = Problems.Where(p => p.Field == field).Select(p => p.Message).Distinct().ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>The address this request came in on ("https://host/base").</summary>
    protected Uri RequestBase => new($"{Request.Scheme}://{Request.Host}{Request.PathBase}");

    /// <summary>Back to where the citizen was going, if that is a page of this site; otherwise their dossiers.</summary>
    protected IActionResult ReturnTo(string? returnUrl) => LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/ho-so-cua-toi");

    protected bool SignedInAsCitizen => User.HasClaim(IdentitySetup.KindClaim, nameof(Features.Identity.Citizen));
}

/// <summary>One labelled input of an account form (see _Field.cshtml).</summary>
public sealed record FieldView(string Name, string Label, string Type = "text")
{
    public string? Value { get; init; }
    public string? Hint { get; init; }
    public string? Error { get; init; }
    public string? Autocomplete { get; init; }
    public string? InputMode { get; init; }
    public bool Required { get; init; }
    public int? MaxLength { get; init; }
}
