using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>One dossier with everything the office shows on its page: history, components and files,
/// steps, supplements, coordination, results, fees and payments.</summary>
public static class GetDossier
{
    public sealed record EventView(int Sequence, DateTime AtUtc, string Actor, string Role, string? Unit, string Kind, int? FromStatus, int ToStatus, string Description, string? Reason);
    /// <param name="ExternalAddress">Where another system keeps the file of an imported dossier (then no stored file here).</param>
    public sealed record FileView(Guid Id, Guid? StoredFileId, string FileName, DossierFilePurpose Purpose, Guid? ComponentId, Guid? ResultId, DateTime AddedAtUtc,
        string? ExternalAddress = null);
    public sealed record ComponentView(Guid Id, string Code, string Name, ComponentForm Form, int Count, bool Digitized, bool Reused, bool FromCitizenStore,
        bool FromPopulationDatabase = false);
    public sealed record StepView(int Order, string Name, OfficialRole Role, WorkflowStepPlace Place, string? AssigneeName, DateTime? StartedAtUtc, DateTime OriginalDueAtUtc, DateTime DueAtUtc, DateTime? CompletedAtUtc);
    /// <param name="Files">Papers sent on this request that are none of the components (purpose Supplement).</param>
    public sealed record SupplementView(int Number, DateTime RequestedAtUtc, string RequestedBy, string Reason, IReadOnlyList<string> MissingItems, SupplementState State, DateTime? AnsweredAtUtc, DateTime? DueBeforeUtc, DateTime? DueAfterUtc,
        IReadOnlyList<FileView> Files);
    public sealed record CoordinationView(Guid Id, Guid UnitId, string UnitName, string Question, DateTime RequestedAtUtc, DateTime DueAtUtc, DateTime? AnsweredAtUtc, string? Answer, string? AnsweredBy);
    public sealed record ResultView(Guid Id, string Name, string? Number, string? ResultCode, bool IsElectronic, DateTime IssuedAtUtc, string IssuedBy);
    public sealed record FeeView(string Code, string Name, FeeKind Kind, long Amount, bool Exempted, string Explanation);
    /// <param name="PaymentOrderId">The payment order the entry credits, whose receipt it has; empty for entries older than the orders.</param>
    public sealed record PaymentView(long Amount, PaymentMethod Method, string Reference, DateTime PaidAtUtc, string RecordedBy, Guid? PaymentOrderId = null);
    public sealed record ApologyView(DateTime IssuedAtUtc, string IssuedBy, string Reason, DateTime PreviousDueUtc, DateTime NewDueUtc);

    public sealed record View(
        Guid Id, string? Code, string LookupCode, string Procedure, string ProcedureCode, Guid ProcedureVersionId, int Status, string StatusName,
        ProcessingStage? Stage, int Channel, OnlineLevelView SubmissionLevel, ApplicantView Applicant, string Summary, string? FormData,
        bool IdentityVerified, int Sets, Guid ReceivingUnitId, string ReceivingUnit, Guid CompetentUnitId, string CompetentUnit,
        Guid CurrentUnitId, string CurrentUnit, string? AssigneeName,
        DateTime? SubmittedAtUtc, DateTime? PostmarkAtUtc, DateTime? ReceivedAtUtc, DateTime? OriginalDueAtUtc, DateTime? DueAtUtc,
        DateTime? ProcessingEndedAtUtc, DateTime? ReturnedAtUtc, ReturnMethod? ReturnMethod, string? ReceivedResultBy,
        long FeesOwed, long AmountPaid, int OnlinePaymentKind, int SupplementCount, ApologyView? Apology, int Revision,
        IReadOnlyList<ComponentView> Components, IReadOnlyList<FileView> Files, IReadOnlyList<StepView> Steps,
        IReadOnlyList<SupplementView> Supplements, IReadOnlyList<CoordinationView> Coordinations, IReadOnlyList<ResultView> Results,
        IReadOnlyList<FeeView> Fees, IReadOnlyList<PaymentView> Payments, IReadOnlyList<EventView> History, DateTime? ImportedAtUtc = null);

    public sealed record ApplicantView(ApplicantKind Kind, string FullName, string IdNumber, string? Phone, string? Email, string? Address);

    /// <summary>The online level as the office reads it.</summary>
    public sealed record OnlineLevelView(OnlineLevel Level, string Name);

    public sealed class Handler(AppDbContext db, DossierActions actions, UnitTree units)
    {
        public async Task<View?> HandleAsync(Guid id, CancellationToken ct) =>
            await LoadAsync(id, ct) is { } found ? await ViewOfAsync(found.Dossier, ct) : null;

        /// <summary>The dossier as the signed-in official may read it (their units', or one they were consulted
        /// about), with the units they act in; for pages that show more than the API's view.</summary>
        public async Task<(Dossier Dossier, HashSet<Guid> Scope)?> LoadAsync(Guid id, CancellationToken ct)
        {
            var d = await db.Dossiers.AsNoTracking().AsSplitQuery()
                .Include(x => x.History).Include(x => x.Components).Include(x => x.Files).Include(x => x.Steps)
                .Include(x => x.Supplements).Include(x => x.Coordinations).Include(x => x.Results)
                .SingleOrDefaultAsync(x => x.Id == id, ct);
            if (d is null) return null;
            var scope = await actions.ScopeAsync(ct);
            // Officials of a consulted unit see the dossier while it waits for them, and afterwards.
            if (!DossierActions.InScope(d, scope) && !DossierActions.Consulted(d, scope)) return null;
            return (d, scope);
        }

        public async Task<View> ViewOfAsync(Dossier d, CancellationToken ct)
        {
            var procedure = await db.Procedures.AsNoTracking().Where(p => p.Id == d.ProcedureId).Select(p => new { p.Code, p.Name }).SingleAsync(ct);
            async Task<string> Name(Guid unitId) => (await units.FindAsync(unitId, ct))?.Name ?? "";
            static FileView File(DossierFile f) => new(f.Id, f.StoredFileId, f.FileName, f.Purpose, f.ComponentId, f.ResultId, f.AddedAtUtc, f.ExternalAddress);
            var supplementFiles = d.Files.Where(f => f.Purpose == DossierFilePurpose.Supplement).OrderBy(f => f.AddedAtUtc)
                .ToLookup(f => d.SupplementRequestOf(f)?.Number);
            return new View(
                d.Id, d.Code, d.LookupCode, procedure.Name, procedure.Code, d.ProcedureVersionId, (int)d.Status, d.Status.DisplayName(), d.Stage,
                (int)d.Channel, new OnlineLevelView(d.SubmissionLevel, d.SubmissionLevel.DisplayName()),
                new ApplicantView(d.Applicant.Kind, d.Applicant.FullName, d.Applicant.IdNumber, d.Applicant.Phone, d.Applicant.Email, d.Applicant.Address), d.Summary, d.FormData,
                d.IdentityVerified, d.Sets, d.ReceivingUnitId, await Name(d.ReceivingUnitId), d.CompetentUnitId, await Name(d.CompetentUnitId),
                d.CurrentUnitId, await Name(d.CurrentUnitId), d.AssigneeName,
                d.SubmittedAtUtc, d.PostmarkAtUtc, d.ReceivedAtUtc, d.OriginalDueAtUtc, d.DueAtUtc, d.ProcessingEndedAtUtc, d.ReturnedAtUtc,
                d.ReturnMethod, d.ReceivedResultBy, d.FeesOwed, d.AmountPaid, d.OnlinePaymentKind, d.SupplementCount,
                d.Apology is { } a ? new ApologyView(a.IssuedAtUtc, a.IssuedBy, a.Reason, a.PreviousDueUtc, a.NewDueUtc) : null, d.Revision,
                [.. d.Components.Select(c => new ComponentView(c.Id, c.RequirementCode, c.Name, c.Form, c.Count, c.Digitized, c.Reused, c.FromCitizenStore, c.FromPopulationDatabase))],
                [.. d.Files.OrderBy(f => f.AddedAtUtc).Select(File)],
                [.. d.Steps.OrderBy(s => s.Order).Select(s => new StepView(s.Order, s.Name, s.Role, s.Place, s.AssigneeName, s.StartedAtUtc, s.OriginalDueAtUtc, s.DueAtUtc, s.CompletedAtUtc))],
                [.. d.Supplements.OrderBy(s => s.Number).Select(s => new SupplementView(s.Number, s.RequestedAtUtc, s.RequestedBy, s.Reason, s.MissingItems, s.State, s.AnsweredAtUtc, s.DueBeforeUtc, s.DueAfterUtc,
                    [.. supplementFiles[s.Number].Select(File)]))],
                [.. d.Coordinations.OrderBy(c => c.RequestedAtUtc).Select(c => new CoordinationView(c.Id, c.UnitId, c.UnitName, c.Question, c.RequestedAtUtc, c.DueAtUtc, c.AnsweredAtUtc, c.AnswerText, c.AnsweredBy))],
                [.. d.Results.Select(r => new ResultView(r.Id, r.Name, r.Number, r.ResultCode, r.IsElectronic, r.IssuedAtUtc, r.IssuedBy))],
                [.. d.Fees.Select(f => new FeeView(f.Code, f.Name, f.Kind, f.Amount, f.Exempted, f.Explanation))],
                [.. d.Payments.Select(p => new PaymentView(p.Amount, p.Method, p.Reference, p.PaidAtUtc, p.RecordedBy, p.PaymentOrderId))],
                [.. d.History.OrderBy(e => e.Sequence).Select(e => new EventView(e.Sequence, e.AtUtc, e.ActorName, e.ActorRole, e.UnitName, e.Kind.ToString(),
                    (int?)e.FromStatus, (int)e.ToStatus, e.Description, e.Reason))], d.ImportedAtUtc);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id:guid}", async Task<Results<Ok<View>, ProblemHttpResult>> (Guid id, Handler handler, CancellationToken ct) =>
                await handler.HandleAsync(id, ct) is { } view
                    ? TypedResults.Ok(view)
                    : TypedResults.Problem("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của bạn.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy"))
            .RequireAuthorization(IdentitySetup.OfficialPolicy)
            .WithSummary("Xem hồ sơ: thành phần, tệp, các bước, bổ sung, phối hợp, kết quả, phí và quá trình xử lý (chỉ cán bộ của đơn vị liên quan).");
}
