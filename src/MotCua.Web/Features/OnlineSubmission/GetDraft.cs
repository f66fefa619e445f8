using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.OnlineSubmission;

/// <summary>A draft as its page shows it: the procedure version it is written against, the applicant, the e-form as
/// typed, each component's files and what the applicant's data store could give for it, and the fee.</summary>
public static class GetDraft
{
    /// <summary>A valid document of the applicant's data store that can stand for a component.</summary>
    public sealed record StoreOffer(Guid DocumentId, string Name, string FileName, string? SourceDossierCode, DateTime? IssuedAtUtc, DateTime? ValidUntilUtc, bool AlreadyAdded);

    /// <summary>One component the citizen gives files for (papers only shown at the desk are listed apart).</summary>
    public sealed record Slot(ComponentRequirement Requirement, IReadOnlyList<DossierDraftFile> Files, IReadOnlyList<StoreOffer> Offers,
        bool FromPopulationData = false)
    {
        public bool IsRequired => !Requirement.Optional;

        /// <summary>The e-form of section 2 is this component: listed so that the citizen sees the whole dossier, but
        /// offered neither an upload nor the data store. Files only show when the draft had some before the procedure
        /// said so (a draft moved to a newer version), so that they can be removed.</summary>
        public bool MadeFromEForm => Requirement.FilledByEForm;
    }

    public sealed record View(
        DossierDraft Draft,
        string ProcedureName,
        ProcedureContent Content,
        string? ReceivingUnitName,
        string? PlaceName,
        IReadOnlyList<Slot> Slots,
        IReadOnlyList<ComponentRequirement> ShownOnly,
        IReadOnlyList<FeeLine> Fees,
        IReadOnlyDictionary<string, string> Entered,
        bool NewerVersionPublished,
        string? SubmittedDossierCode,
        PayDraft.State Payment,
        PopulationData Population)
    {
        public long FeeTotal => Fees.Sum(f => f.Amount);

        /// <summary>The groups this procedure's fees exempt, for the applicant to declare one.</summary>
        public IReadOnlyList<string> ExemptionGroupChoices =>
            [.. Content.Fees.SelectMany(f => f.ExemptGroups ?? []).Distinct().Where(ExemptionGroups.All.ContainsKey)];

        /// <summary>Some fee line counts from the e-form: its total changes as the applicant types.</summary>
        public bool FeeCountsFromEForm => Content.Fees.Any(f => f.CopiesField is not null || f.PagesField is not null);
    }

    /// <summary>The citizen's own record in the population database for this draft (docs/adr/0034d).</summary>
    /// <param name="Facts">What the registry confirmed, while its verification stands; null otherwise.</param>
    /// <param name="MayLookUp">The account is the citizen's own, VNeID verified: the draft may take (again) the registry's data.</param>
    /// <param name="Expired">The draft had the data, and its verification has lapsed.</param>
    public sealed record PopulationData(PopulationFacts? Facts, bool MayLookUp, bool Expired)
    {
        public static readonly PopulationData None = new(null, false, false);
    }

    public const string PopulationDataExpired =
        "Thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư cho hồ sơ này đã hết hạn; hãy bấm \"Lấy thông tin từ Cơ sở dữ liệu quốc gia về dân cư\" rồi nộp lại.";

    public sealed class Handler(AppDbContext db, CurrentUser user, UnitTree units, CitizenDossiers citizens, TimeProvider clock, IPopulationVerifications population)
    {
        /// <returns>Null when the draft does not exist or is not the signed-in account's.</returns>
        public async Task<View?> HandleAsync(Guid draftId, CancellationToken ct)
        {
            var draft = await db.DossierDrafts.AsNoTracking().Include(d => d.Files).OwnedBy(user.Id).SingleOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null) return null;
            var submittedCode = draft.SubmittedDossierId is { } dossierId
                ? await db.Dossiers.AsNoTracking().Where(d => d.Id == dossierId).Select(d => d.Code).SingleAsync(ct)
                : null;
            var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(v => v.Id == draft.ProcedureVersionId, ct);
            var currentVersionId = await db.Procedures.AsNoTracking().Where(p => p.Id == version.ProcedureId).Select(p => p.CurrentVersionId).SingleAsync(ct);
            var content = version.Content;

            var offers = await OffersAsync(draft, content, ct);
            var registry = await PopulationAsync(draft, ct);
            var slots = content.Components
                .Where(c => c.Form != ComponentForm.OriginalToShow)
                .Select(c => new Slot(c,
                    draft.Files.Where(f => f.ComponentCode == c.Code).OrderBy(f => f.AddedAtUtc).ToList(),
                    offers.Where(o => o.Code == c.Code).Select(o => o.Offer with
                    {
                        AlreadyAdded = draft.Files.Any(f => f.ComponentCode == c.Code && f.FromDocumentId == o.Offer.DocumentId),
                    }).ToList(),
                    registry.Facts is not null && c.ReplacedByPopulationData))
                .ToList();

            string? receiving = null, place = null;
            if (draft.ReceivingUnitId is { } receivingId && await units.FindAsync(receivingId, ct) is { } node)
            {
                receiving = node.Name;
                place = (await units.AdministrativeUnitOfAsync(receivingId, ct)).Name;
            }
            return new View(draft, content.Name, content, receiving, place, slots,
                content.Components.Where(c => c.Form == ComponentForm.OriginalToShow).ToList(),
                PayDraft.Fees(content, draft),
                EFormValidation.ReadEntered(draft.FormData),
                currentVersionId != draft.ProcedureVersionId,
                submittedCode,
                await PayDraft.StateAsync(db, draft, content, ct),
                registry);
        }

        private async Task<PopulationData> PopulationAsync(DossierDraft draft, CancellationToken ct)
        {
            if (draft.Assisted) return PopulationData.None;
            var mayLookUp = await db.Citizens.AsNoTracking().Where(c => c.Id == user.Id).Select(c => c.VerifiedWithElectronicIdentity).SingleOrDefaultAsync(ct);
            if (draft.PopulationVerificationId is not { } verification) return new PopulationData(null, mayLookUp, false);
            try
            {
                return new PopulationData(await population.ConfirmAsync(verification, draft.ApplicantIdNumber, user.AsApplicant(), ct), mayLookUp, false);
            }
            catch (DomainException)
            {
                return new PopulationData(null, mayLookUp, true);
            }
        }

        /// <summary>Offers per component: the newest valid ones; a store of years holds many copies of an ID card.</summary>
        private const int OffersPerComponent = 5;

        /// <summary>Only the signed-in citizen's own store as they may see it (ADR 0013), and only on a draft for
        /// themselves: a team member helping someone must not browse that person's papers.</summary>
        private async Task<List<(string Code, StoreOffer Offer)>> OffersAsync(DossierDraft draft, ProcedureContent content, CancellationToken ct)
        {
            if (draft.Assisted) return [];
            var account = await citizens.AccountAsync(ct);
            if (string.IsNullOrEmpty(account.PersonalIdNumber)) return [];
            var codes = content.Components.Where(c => c.Form != ComponentForm.OriginalToShow && !c.FilledByEForm).Select(c => c.Code).Distinct().ToList();
            // A component asked as a certified copy takes any electronic certified copy of the store (docs/adr/0033e).
            var certified = content.Components.Where(c => c.Form == ComponentForm.CertifiedCopy).Select(c => c.Code).ToHashSet();
            var now = clock.GetUtcNow().UtcDateTime;
            var offers = new List<(string Code, StoreOffer Offer)>();
            foreach (var code in codes)
            {
                var takesCertified = certified.Contains(code);
                var documents = await CitizenStore.VisibleTo(db, account).AsNoTracking()
                    .Where(d => (d.ComponentCode == code || (takesCertified && d.Kind == CitizenDocumentKind.CertifiedCopy)) && (d.ValidUntilUtc == null || d.ValidUntilUtc > now))
                    .OrderByDescending(d => d.AddedAtUtc).ThenByDescending(d => d.Id)
                    .Take(OffersPerComponent)
                    .ToListAsync(ct);
                offers.AddRange(documents.Select(d => (code, new StoreOffer(d.Id, d.Name, d.FileName, d.SourceDossierCode, d.IssuedAtUtc, d.ValidUntilUtc, false))));
            }
            return offers;
        }
    }
}
