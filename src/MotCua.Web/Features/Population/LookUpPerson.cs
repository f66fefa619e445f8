using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Population;

/// <summary>Xác thực qua Cơ sở dữ liệu quốc gia về dân cư: looks a person up by ID number with the name and birth date the
/// official (or the citizen, for their own draft) typed. Every lookup, whatever it answered, is in the audit log (who
/// looked up whom, when, with what result): it reads personal data from a national system. A confirmed one is recorded
/// as a <see cref="PopulationVerification"/> whose id the reception names; nothing else marks a dossier verified.</summary>
public static partial class LookUpPerson
{
    public sealed record Request([Text(InputLimits.Number)] string IdNumber, [Text(InputLimits.Name)] string FullName, DateOnly? BirthDate);

    /// <summary>What the registry said, and, when it confirmed the person, the verification and the record.</summary>
    public sealed record Result(PopulationOutcome Outcome, string Message, PopulationVerification? Verification = null, PersonRecord? Person = null);

    public sealed record Response(Guid IdentityVerification, DateTime ExpiresAtUtc, string IdNumber, string FullName, DateOnly BirthDate, string Sex,
        string PermanentResidence, string? CurrentResidence, Household? Household);

    [GeneratedRegex(@"^\d{12}$")] private static partial Regex PersonalId();

    public sealed class Handler(AppDbContext db, IPopulationRegistry registry, AuditLog audit, TimeProvider clock, IOptionsMonitor<PopulationOptions> options)
    {
        /// <param name="forDraft">A citizen's own lookup for an online draft: its verification stands for days, not one sitting.</param>
        public async Task<Result> HandleAsync(Request request, Actor actor, CancellationToken ct, bool forDraft = false)
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(actor);
            if (actor.Id is not { } accountId) throw new DomainException("Chỉ tài khoản đã đăng nhập mới tra cứu được Cơ sở dữ liệu quốc gia về dân cư.");
            var idNumber = request.IdNumber?.Trim() ?? "";
            var problems = new List<string>();
            if (!PersonalId().IsMatch(idNumber)) problems.Add("số định danh cá nhân phải gồm 12 chữ số");
            var name = Text.NormalizeOrNull(request.FullName);
            if (name is null) problems.Add("chưa nhập họ và tên");
            else if (name.Length > InputLimits.Name) problems.Add($"họ và tên quá dài (tối đa {InputLimits.Name} ký tự)");
            if (request.BirthDate is not { } born) problems.Add("chưa nhập ngày sinh");
            else if (!InputLimits.IsSane(born)) problems.Add($"ngày sinh phải {InputLimits.DateRangeText}");
            if (problems.Count > 0)
                throw new DomainException($"Chưa tra cứu được Cơ sở dữ liệu quốc gia về dân cư: {string.Join("; ", problems)}.");

            var o = options.CurrentValue;
            var requestId = Guid.NewGuid().ToString("N");
            var answer = await registry.LookUpAsync(new PersonQuery(requestId, idNumber, name!, request.BirthDate!.Value, actor.Name,
                actor.UnitName ?? AuditLog.CitizenRole, o.Purpose), ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var result = answer.Outcome switch
            {
                PopulationOutcome.Found when answer.Person is { } person => Found(answer, person, accountId, actor, now, forDraft ? o.DraftVerificationLifetime : o.VerificationLifetime),
                PopulationOutcome.NotFound => new Result(PopulationOutcome.NotFound,
                    $"Cơ sở dữ liệu quốc gia về dân cư không có số định danh {idNumber}. Hãy kiểm tra lại số trên thẻ căn cước."),
                PopulationOutcome.Mismatch => new Result(PopulationOutcome.Mismatch,
                    $"Họ tên hoặc ngày sinh đã nhập không khớp với Cơ sở dữ liệu quốc gia về dân cư cho số định danh {idNumber}. Hãy đối chiếu lại với thẻ căn cước."),
                _ => new Result(PopulationOutcome.Unavailable,
                    "Không kết nối được Cơ sở dữ liệu quốc gia về dân cư. Hồ sơ vẫn được tiếp nhận nhưng ghi là chưa xác thực danh tính; có thể tra cứu lại sau."),
            };
            audit.Record(AuditKind.PopulationLookup, "CitizenIdentity", idNumber,
                $"Tra cứu Cơ sở dữ liệu quốc gia về dân cư số định danh {idNumber}: {PopulationText.Outcome(result.Outcome)}",
                after: new { maYeuCau = requestId, ketQua = result.Outcome.ToString(), xacThuc = result.Verification?.Id });
            if (result.Verification is { } verification) db.Add(verification);
            await db.SaveChangesAsync(ct);
            return result;
        }

        private static Result Found(PopulationAnswer answer, PersonRecord person, Guid accountId, Actor actor, DateTime now, TimeSpan lifetime) =>
            new(PopulationOutcome.Found, "Thông tin khớp với Cơ sở dữ liệu quốc gia về dân cư.",
                new PopulationVerification(answer.RequestId, person, accountId, actor.UnitId, now, now + lifetime), person);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/lookups", async Task<Results<Ok<Response>, ProblemHttpResult>> (Request request, Handler handler, CurrentUser user, CancellationToken ct) =>
            {
                var actor = user.As(OfficialRole.DeskOfficial);
                if (actor.UnitId is null) throw new DomainException("Tài khoản chưa được gắn với đơn vị.");
                var result = await handler.HandleAsync(request, actor, ct);
                if (result is { Verification: { } v, Person: { } p })
                    return TypedResults.Ok(new Response(v.Id, v.ExpiresAtUtc, p.IdNumber, p.FullName, p.BirthDate, PopulationText.SexName(p.Sex),
                        p.PermanentResidence, p.CurrentResidence, p.Household));
                var (status, title) = result.Outcome switch
                {
                    PopulationOutcome.NotFound => (StatusCodes.Status404NotFound, "Không tìm thấy công dân"),
                    PopulationOutcome.Mismatch => (StatusCodes.Status422UnprocessableEntity, "Thông tin không khớp"),
                    _ => (StatusCodes.Status503ServiceUnavailable, "Không kết nối được Cơ sở dữ liệu quốc gia về dân cư"),
                };
                return TypedResults.Problem(result.Message, statusCode: status, title: title);
            })
            .RequireAuthorization(nameof(OfficialRole.DeskOfficial))
            .WithSummary("Xác thực danh tính người nộp qua Cơ sở dữ liệu quốc gia về dân cư (số định danh, họ tên, ngày sinh).")
            .WithDescription("Trả về mã xác thực (identityVerification) dùng khi tiếp nhận hồ sơ tại quầy (POST /api/dossiers/desk) trong cùng phiên làm việc, " +
                             "cùng họ tên, ngày sinh, giới tính, nơi thường trú, nơi ở hiện tại và hộ gia đình. 404: không có số định danh; 422: họ tên hoặc ngày sinh không khớp; " +
                             "503: không kết nối được — vẫn tiếp nhận được hồ sơ, ghi là chưa xác thực. Mỗi lần tra cứu được ghi nhật ký.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
