using MotCua.Web.Features.Scorecard;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Certification;

/// <summary>Indicator 6.3 and the targets' "electronic certified copies" count a certification dossier when its certified
/// copy exists signed (docs/adr/0033e).</summary>
public sealed class SignedCopyFigures(AppDbContext db) : ICertifiedCopyFigures
{
    public IQueryable<Guid> DossiersWithSignedCopy =>
        db.Set<CertifiedCopy>().Where(c => c.SignedAtUtc != null && c.CopyFileId != null).Select(c => c.DossierId);
}
