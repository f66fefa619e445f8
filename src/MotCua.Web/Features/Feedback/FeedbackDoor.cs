using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>The portal's feedback form is a public door: posts from one address are limited like the other public
/// forms (registration, password reset: <c>RateLimits:AccountFormsPerClient</c>), in a window of their own.</summary>
public sealed class FeedbackDoor(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _posts = PartitionedRateLimiter.Create<string, string>(key =>
        options.Value.Enabled ? WebSecurity.Fixed(key, options.Value.AccountFormsPerClient) : RateLimitPartition.GetNoLimiter(key));

    /// <summary>False when the address has posted too much: answer 429 with <see cref="WebSecurity.TooManyRequests"/>.</summary>
    public bool TryEnter(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var lease = _posts.AttemptAcquire("feedback|" + WebSecurity.Client(http));
        return lease.IsAcquired;
    }

    public void Dispose() => _posts.Dispose();
}
