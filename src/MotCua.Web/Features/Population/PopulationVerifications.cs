using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Population;

/// <summary>The reception's side of a lookup (<see cref="IPopulationVerifications"/>): the verification it names must be
/// this account's (and, for an official, this unit's), unexpired, and of the applicant's ID number. A verification of
/// another official, another unit or another person is refused, never quietly ignored.</summary>
public sealed class PopulationVerifications(AppDbContext db, TimeProvider clock, LookUpPerson.Handler lookUp) : IPopulationVerifications
{
    public async Task<OwnRecord> LookUpOwnAsync(string idNumber, string fullName, DateOnly birthDate, Actor actor, CancellationToken ct)
    {
        var result = await lookUp.HandleAsync(new LookUpPerson.Request(idNumber, fullName, birthDate), actor, ct, forDraft: true);
        return result switch
        {
            { Verification: { } v } => new OwnRecord(v.Id, v.Facts, "Đã lấy thông tin của bạn từ Cơ sở dữ liệu quốc gia về dân cư."),
            { Outcome: PopulationOutcome.Unavailable } => new OwnRecord(null, null,
                "Chưa kết nối được Cơ sở dữ liệu quốc gia về dân cư nên chưa lấy được thông tin của bạn; hãy thử lại sau, hoặc tải lên giấy tờ như bình thường."),
            // The account's details come from VNeID: a refusal means the registry and the e-ID disagree, which the citizen
            // cannot fix here.
            _ => new OwnRecord(null, null,
                $"Cơ sở dữ liệu quốc gia về dân cư chưa xác nhận thông tin của tài khoản ({PopulationText.Outcome(result.Outcome)}); hãy tải lên giấy tờ như bình thường."),
        };
    }

    public async Task<PopulationFacts> ConfirmAsync(Guid verificationId, string idNumber, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var verification = await FindAsync(verificationId, actor, ct)
                           ?? throw new DomainException("Không tìm thấy kết quả xác thực qua Cơ sở dữ liệu quốc gia về dân cư của bạn với mã này; hãy tra cứu lại.");
        if (verification.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime)
            throw new DomainException("Kết quả xác thực qua Cơ sở dữ liệu quốc gia về dân cư đã hết hạn; hãy tra cứu lại.");
        if (verification.IdNumber != idNumber?.Trim())
            throw new DomainException($"Kết quả xác thực là của số định danh {verification.IdNumber}, không phải số định danh của người nộp hồ sơ; hãy tra cứu lại.");
        return verification.Facts;
    }

    /// <summary>The verification if it is the actor's own (and their unit's), expired or not; null otherwise.</summary>
    public async Task<PopulationVerification?> FindAsync(Guid verificationId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var verification = await db.Set<PopulationVerification>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == verificationId, ct);
        return verification is null || verification.AccountId != actor.Id || verification.UnitId != actor.UnitId ? null : verification;
    }
}

/// <summary>Every night: verifications past their time are deleted — they hold a person's name, birth date and residence,
/// and a dossier that used one keeps what it took.</summary>
public sealed class PurgeExpiredVerifications(AppDbContext db, TimeProvider clock) : Infrastructure.Jobs.IRecurringJob
{
    public const string Name = "csdl-dan-cu.purge-verifications";

    public async Task RunAsync(Infrastructure.Jobs.RecurringOccurrence occurrence, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<PopulationVerification>().Where(v => v.ExpiresAtUtc < now).ExecuteDeleteAsync(ct);
    }
}
