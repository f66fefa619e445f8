using MotCua.Web.Features.Catalog;

namespace MotCua.Web.Features.Dossiers;

/// <summary>The dossier's entry point for history handled elsewhere: a sync record of another system (or of the national
/// portal) becomes a dossier in the state the record gives, its parts and its history, as one whole (ADR 0030b). The
/// record was validated by the exchange; the dossier sets itself up from it, as its other entry points do.</summary>
public sealed partial class Dossier
{
    /// <summary>A validated sync record, in the dossier's terms. <paramref name="OriginalDueAtUtc"/> is NgayHenTra;
    /// <paramref name="Digest"/> identifies the record's content, so that importing it again changes nothing.</summary>
    public sealed record ImportedRecord(
        string Code, Guid ProcedureId, Guid ProcedureVersionId, OnlineLevel VersionOnlineLevel,
        Guid ReceivingUnitId, Guid CompetentUnitId, Channel Channel, DossierStatus Status,
        Applicant Applicant, string Summary, bool IdentityVerified,
        DateTime? SubmittedAtUtc, DateTime? ReceivedAtUtc, DateTime? OriginalDueAtUtc, DateTime? ProcessingEndedAtUtc,
        DateTime? RefusedAtUtc, DateTime? ReturnedAtUtc, PaymentMethod? OnlinePayment, IReadOnlyList<string> ConnectedDatabases,
        IReadOnlyList<ImportedComponent> Components, IReadOnlyList<ImportedFee> Fees, IReadOnlyList<ImportedSupplement> Supplements,
        IReadOnlyList<ImportedResult> Results, IReadOnlyList<ImportedStep> History, string Digest);

    public sealed record ImportedFile(string FileName, string Address);

    public sealed record ImportedComponent(string RequirementCode, string Name, IReadOnlyList<ImportedFile> Files,
        bool Digitized, bool Reused, bool FromCitizenStore, string? ReplacedByResultCode);

    public sealed record ImportedFee(string Code, string Name, FeeKind Kind, long Amount);

    public sealed record ImportedSupplement(DateTime RequestedAtUtc, DateTime? AnsweredAtUtc, SupplementState State, string RequestedBy,
        string Reason, DateTime? DueBeforeUtc, DateTime? DueAfterUtc);

    public sealed record ImportedResult(string Name, string? ResultCode, ImportedFile? File);

    /// <summary>One QuaTrinhXuLy item: who (as the other system names them), when, what, and the status it left.</summary>
    public sealed record ImportedStep(DateTime AtUtc, string ActorName, string ActorRole, string? UnitName, string Description, DossierStatus? Status);

    /// <summary>What identifies the content last imported into this dossier (null for a dossier handled here).</summary>
    public string? ImportDigest { get; private set; }

    /// <summary>Creates the dossier in the record's state. Its history is the record's, then one entry naming the
    /// official who imported it. Imported dossiers are what the national side already holds: synced at once.</summary>
    public static Dossier Import(ImportedRecord record, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(record);
        var dossier = new Dossier
        {
            Id = Guid.CreateVersion7(),
            LookupCode = DossierCodeGenerator.NewLookupCode(),
            ImportedAtUtc = nowUtc,
        };
        dossier.Take(record, nowUtc, actor);
        foreach (var step in record.History.OrderBy(s => s.AtUtc)) dossier.AppendStep(step);
        dossier.AppendImport(actor, nowUtc, $"Nhập hồ sơ từ bản ghi đồng bộ (trạng thái: {record.Status.DisplayName()})");
        return dossier;
    }

    /// <summary>A newer record of an imported dossier: its state and parts become the record's; history steps not yet
    /// recorded are added (history is never taken back), then one entry naming the official. A dossier handled here is
    /// never overwritten by a record.</summary>
    public void UpdateImported(ImportedRecord record, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (ImportedAtUtc is null) throw new Infrastructure.DomainException($"Hồ sơ {Code} được giải quyết trên hệ thống này; không ghi đè bằng bản ghi đồng bộ.");
        _components.Clear();
        _files.Clear();
        _supplements.Clear();
        _results.Clear();
        _fees.Clear();
        _payments.Clear();
        Take(record, nowUtc, actor);
        var known = _history.Select(e => (e.AtUtc, e.Description)).ToHashSet();
        foreach (var step in record.History.OrderBy(s => s.AtUtc).Where(s => !known.Contains((s.AtUtc, s.Description)))) AppendStep(step);
        AppendImport(actor, nowUtc, $"Cập nhật hồ sơ từ bản ghi đồng bộ mới (trạng thái: {record.Status.DisplayName()})");
    }

    private void Take(ImportedRecord r, DateTime nowUtc, Actor actor)
    {
        Code = r.Code;
        ProcedureId = r.ProcedureId;
        ProcedureVersionId = r.ProcedureVersionId;
        ReceivingUnitId = r.ReceivingUnitId;
        CompetentUnitId = r.CompetentUnitId;
        CurrentUnitId = r.CompetentUnitId;
        Channel = r.Channel;
        // Fully online (toàn trình) when the version offers it: the record does not say which level was used.
        SubmissionLevel = r.Channel != Channel.Online ? OnlineLevel.None
            : r.VersionOnlineLevel == OnlineLevel.Full ? OnlineLevel.Full : OnlineLevel.Partial;
        Status = r.Status;
        // An imported dossier still in processing waits for its unit's head to assign it, as one handed over here would.
        Stage = r.Status == DossierStatus.InProgress ? ProcessingStage.AwaitingAssignment : null;
        Applicant = r.Applicant;
        Summary = r.Summary;
        IdentityVerified = r.IdentityVerified;
        // The record's flag is TaiKhoanDuocXacThucVoiVNeID: the other system says the account was verified with VNeID.
        IdentityCheck = r.IdentityVerified ? IdentityCheck.ElectronicIdentity : IdentityCheck.None;
        SubmittedAtUtc = r.SubmittedAtUtc;
        ReceivedAtUtc = r.ReceivedAtUtc;
        OriginalDueAtUtc = r.OriginalDueAtUtc;
        ProcessingEndedAtUtc = r.ProcessingEndedAtUtc;
        RefusedAtUtc = r.RefusedAtUtc;
        ReturnedAtUtc = r.ReturnedAtUtc;
        ConnectedDatabases = [.. r.ConnectedDatabases];
        ImportDigest = r.Digest;

        foreach (var c in r.Components)
        {
            var component = DossierComponent.Imported(c.RequirementCode, c.Name, c.Digitized, c.Reused, c.FromCitizenStore, c.ReplacedByResultCode);
            _components.Add(component);
            foreach (var f in c.Files)
                _files.Add(DossierFile.External(f.FileName, f.Address, DossierFilePurpose.Component, component.Id, null, nowUtc));
        }
        foreach (var f in r.Fees) _fees.Add(new DossierFee(new FeeLine(f.Code, f.Name, f.Kind, f.Amount, "", false)));
        // Paid in the other system: no payment order of ours stands behind it.
        if (r.OnlinePayment is { } method)
            _payments.Add(new DossierPayment(r.Fees.Sum(f => f.Amount), method, "Bản ghi đồng bộ",
                r.ReceivedAtUtc ?? r.SubmittedAtUtc ?? nowUtc, actor.Name, paymentOrderId: null));

        // NgayHenTra is the date set at reception; the legal due date moves by the time each answered request took
        // (raw time, as the index's formula subtracts it), so that Timeliness judges the record as the formula does.
        var due = r.OriginalDueAtUtc;
        var number = 0;
        foreach (var s in r.Supplements.OrderBy(s => s.RequestedAtUtc))
        {
            var before = r.ReceivedAtUtc is { } received && s.RequestedAtUtc >= received ? DossierStatus.InProgress : DossierStatus.Submitted;
            _supplements.Add(SupplementRequest.Imported(++number, s.RequestedAtUtc, s.RequestedBy, s.Reason, before, s.State, s.AnsweredAtUtc, s.DueBeforeUtc, s.DueAfterUtc));
            if (s.State == SupplementState.Answered && s.AnsweredAtUtc is { } answered && due is { } d) due = d + (answered - s.RequestedAtUtc);
        }
        SupplementCount = number;
        DueAtUtc = due;

        foreach (var res in r.Results)
        {
            var result = new ResultDocument(res.Name, null, res.ResultCode, res.File is not null,
                r.ProcessingEndedAtUtc ?? r.ReturnedAtUtc ?? nowUtc, "");
            _results.Add(result);
            if (res.File is { } file)
                _files.Add(DossierFile.External(file.FileName, file.Address, DossierFilePurpose.Result, null, result.Id, nowUtc));
        }
    }

    private void AppendStep(ImportedStep step)
    {
        Revision++;
        // The status as the step left it, as from and to alike: the record does not say what it changed from, and
        // the applicant was told by the system that handled it, so no notification goes out for it here.
        var status = step.Status ?? Status;
        _history.Add(new DossierEvent(Id, Revision, step.AtUtc, new Actor(null, step.ActorName, step.ActorRole, null, step.UnitName),
            DossierEventKind.ExternalStep, status, status, step.Description, null));
    }

    private void AppendImport(Actor actor, DateTime nowUtc, string description)
    {
        Revision++;
        _history.Add(new DossierEvent(Id, Revision, nowUtc, actor, DossierEventKind.Import, Status, Status, description, null));
        SyncState = SyncState.Synced;
        SyncedAtUtc = nowUtc;
    }
}

public sealed partial class DossierComponent
{
    internal static DossierComponent Imported(string requirementCode, string name, bool digitized, bool reused, bool fromCitizenStore, string? replacedByResultCode) =>
        new(requirementCode, name, ComponentForm.Original, 1)
        {
            Digitized = digitized,
            Reused = reused,
            FromCitizenStore = fromCitizenStore,
            ReplacedByResultCode = replacedByResultCode,
        };
}

public sealed partial class DossierFile
{
    /// <summary>A file another system keeps: recorded with its address, no bytes here.</summary>
    internal static DossierFile External(string fileName, string address, DossierFilePurpose purpose, Guid? componentId, Guid? resultId, DateTime addedAtUtc) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            FileName = fileName,
            ExternalAddress = address,
            Purpose = purpose,
            ComponentId = componentId,
            ResultId = resultId,
            AddedAtUtc = addedAtUtc,
        };
}

public sealed partial class SupplementRequest
{
    internal static SupplementRequest Imported(int number, DateTime requestedAtUtc, string requestedBy, string reason, DossierStatus statusBefore,
        SupplementState state, DateTime? answeredAtUtc, DateTime? dueBeforeUtc, DateTime? dueAfterUtc) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            RequestedAtUtc = requestedAtUtc,
            RequestedBy = requestedBy,
            Reason = reason,
            MissingItems = [reason],
            StatusBefore = statusBefore,
            State = state,
            AnsweredAtUtc = answeredAtUtc,
            DueBeforeUtc = dueBeforeUtc,
            DueAfterUtc = dueAfterUtc,
        };
}
