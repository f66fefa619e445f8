using Microsoft.EntityFrameworkCore;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Catalog;

/// <summary>One procedure as published now: the current version's full content, and what the 766 scorecard reads of it.</summary>
public static class GetProcedure
{
    public sealed record Result(string Code, int VersionNumber, DateTime EffectiveFromUtc, string? Decision, ProcedureContent Content, ProcedureFacts Facts);

    public sealed class Handler(AppDbContext db)
    {
        /// <returns>Null when no procedure has this code.</returns>
        public async Task<Result?> HandleAsync(string code, CancellationToken ct)
        {
            var trimmed = code?.Trim() ?? "";
            return await (
                    from p in db.Procedures
                    where p.Code == trimmed
                    from v in db.ProcedureVersions
                    where v.Id == p.CurrentVersionId
                    select new Result(p.Code, v.Number, v.EffectiveFromUtc, v.Decision, v.Content,
                        ProcedureFacts.Of(v.Content, v.HasFees, v.EligibleForFullOnline)))
                .AsNoTracking()
                .FirstOrDefaultAsync(ct);
        }
    }
}

/// <summary>What the 766 scorecard needs to know of a procedure version, stated rather than left to each reader:
/// eligible for fully-online service (3.4's denominator), has fees (group 4), a paper result that needs an electronic
/// copy (3.3, 6.1, 6.2), and applicants who are citizens (6.7's denominator).</summary>
public sealed record ProcedureFacts(bool EligibleForFullOnline, bool HasFees, bool PaperResultNeedsElectronicCopy, bool ApplicantsAreCitizens)
{
    public static ProcedureFacts Of(ProcedureContent content, bool hasFees, bool eligibleForFullOnline)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(eligibleForFullOnline, hasFees, content.ResultType == ResultType.PaperDocument, ApplicantsAreCitizensOf(content));
    }

    /// <summary>The content's own statement when it has one; else an internal procedure (between state bodies) is not
    /// for citizens, nor one whose published applicants name only organisations or businesses ("Tổ chức", "Doanh
    /// nghiệp"); every other procedure for citizens and organisations has citizens among its applicants.</summary>
    public static bool ApplicantsAreCitizensOf(ProcedureContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.ApplicantsAreCitizens is { } stated) return stated;
        if (content.Group == ProcedureGroup.Internal) return false;
        var applicants = Text.SearchKey(content.ApplicantTypes ?? "");
        string[] organisations = ["to chuc", "doanh nghiep", "co quan", "hop tac xa"];
        string[] people = ["cong dan", "ca nhan", "nguoi", "ho gia dinh", "cha", "me", "vo", "chong", "con", "ong", "ba", "cac ben"];
        var words = applicants.Split([' ', ',', ';', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        bool Names(string phrase) => $" {string.Join(' ', words)} ".Contains($" {phrase} ", StringComparison.Ordinal);
        return !(organisations.Any(Names) && !people.Any(Names));
    }
}
