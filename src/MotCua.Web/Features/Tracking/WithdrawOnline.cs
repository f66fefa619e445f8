using MotCua.Web.Features.Dossiers;

namespace MotCua.Web.Features.Tracking;

/// <summary>Rút hồ sơ: the applicant withdraws their own dossier on the portal, with a reason, while no result has
/// been issued (the transitions table decides when).</summary>
public static class WithdrawOnline
{
    public sealed record Request(string? Reason, int? Revision);

    public sealed class Handler(CitizenDossiers citizens)
    {
        public Task<Dossier> HandleAsync(string code, Request request, CancellationToken ct) =>
            citizens.ActAsync(code, request.Revision, c =>
            {
                c.Dossier.Withdraw(request.Reason ?? "", c.Actor, c.Now);
                return Task.CompletedTask;
            }, ct);
    }
}
