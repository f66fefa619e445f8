using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages;

/// <summary>A page that shows a refused post itself (see <see cref="RefusedPostFilter"/>).</summary>
public interface IRefusablePage
{
    /// <summary>What of a POST handler's exception the page shows as a refusal; null lets it through (a 500, or the
    /// exception handler's answer).</summary>
    UserProblem? RefusalOf(Exception exception);

    /// <summary>The answer to a refused post: usually the page again, as it is now, with the reason.</summary>
    Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct);
}

/// <summary>A page whose forms post to use cases that may refuse (a broken rule, a stale revision, a dossier out of
/// reach). Its POST handlers are written for success only — act, then <see cref="RedirectWithNotice"/> (post/redirect/get);
/// a refusal is an exception that <see cref="RefusedPostFilter"/> turns into the same page again, read as it is now,
/// with the reason at the top and what the user typed still in the form (the bound properties keep the posted values).</summary>
public abstract class ActionPageModel : PageModel, IRefusablePage
{
    /// <summary>Why the last post was refused, shown at the top of the page.</summary>
    public string? Error { get; protected set; }

    /// <summary>What the last post did, shown once after its redirect.</summary>
    [TempData] public string? Notice { get; set; }

    /// <summary>Post/redirect/get: the message is kept for the page the browser fetches next.</summary>
    protected IActionResult RedirectWithNotice(string notice, string url)
    {
        Notice = notice;
        return LocalRedirect(url);
    }

    /// <summary>Most pages show the broken rules; the pages acting on a dossier also show the API's 403, 404 and 409,
    /// with the API's status code.</summary>
    public virtual UserProblem? RefusalOf(Exception exception) => exception is DomainException ? UserProblem.Of(exception) : null;

    /// <summary>Reads again what the page shows, after a refused post; false when its subject is gone (404).</summary>
    protected abstract Task<bool> ReloadAsync(CancellationToken ct);

    /// <summary>Reads what a GET shows when its subject may be refused to this user (a forged link, another unit's
    /// dossier): the refusal, with <see cref="Error"/> set, or null when read. Written once here, as the filter is for
    /// posts, so that no page catches refusals itself.</summary>
    protected async Task<UserProblem?> TryLoadAsync(Func<Task> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        try
        {
            await load();
            return null;
        }
        catch (Exception e) when (RefusalOf(e) is { } problem)
        {
            Error = problem.Detail;
            return problem;
        }
    }

    /// <summary>The page again with the reason; 200, as a form shown again with its message is.</summary>
    public virtual async Task<IActionResult> ShowRefusedAsync(UserProblem problem, CancellationToken ct)
    {
        Error = problem.Detail;
        return await ReloadAsync(ct) ? Page() : NotFound();
    }
}

/// <summary>Written once for every <see cref="IRefusablePage"/>: an exception that the page counts as a refusal,
/// thrown by a POST handler, becomes the page shown again with the reason. Whatever the failed action left in the
/// change tracker is dropped first, so that the page shows what is stored, not what was refused.</summary>
public sealed class RefusedPostFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled
            || !HttpMethods.IsPost(context.HttpContext.Request.Method)
            || context.HandlerInstance is not IRefusablePage page || page.RefusalOf(exception) is not { } problem)
            return;
        context.HttpContext.RequestServices.GetRequiredService<AppDbContext>().ChangeTracker.Clear();
        executed.Result = await page.ShowRefusedAsync(problem, context.HttpContext.RequestAborted);
        executed.ExceptionHandled = true;
    }
}
