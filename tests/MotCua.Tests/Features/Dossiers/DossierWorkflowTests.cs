using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>The workflow table walked row by row against the aggregate: every row performed where it starts, by its
/// role, lands where it says; everything the table does not allow from a status and stage is refused with a
/// Vietnamese message and changes nothing; a row whose guard fails is refused with the guard's message.</summary>
public sealed class DossierWorkflowTests
{
    private static readonly DossierBuilder Builder = new();

    private static readonly WorkflowStates States = new(fee => Builder.Intake(fee), Builder.Version, Guid.NewGuid(), Guid.NewGuid(),
        DossierBuilder.Specialist);

    private static readonly DossierOperation[] OnExisting = [.. Enum.GetValues<DossierOperation>().Where(o => o != DossierOperation.Submit)];

    public static TheoryData<int> EveryRow()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < DossierWorkflow.Rows.Count; i++)
            if (DossierWorkflow.Rows[i].Status is not null) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void Row_PerformedWhereItStarts_ByItsRole_LandsOnItsTarget(int index)
    {
        var row = DossierWorkflow.Rows[index];
        // The first state the row starts from whose guards hold for the role's person (each state is built fresh).
        var make = States.All().Select(s => s.Make).FirstOrDefault(m =>
            m() is var d && d.Status == row.Status && d.Stage == row.Stage && DossierWorkflow.Holds(row, d, WorkflowActor.Of(States.ActorFor(row.Role, d)))
            && Succeeds(row, m()));
        make.ShouldNotBeNull($"no state to try {row}");
        var start = make();

        var revision = start.Revision;
        var actor = States.ActorFor(row.Role, start);
        // Someone in the row's role now has the row's operation to offer.
        start.AvailableOperations(new WorkflowActor(new HashSet<WorkflowRole> { row.Role }, actor.Id, actor.UnitId)).ShouldContain(row.Operation);
        States.Perform(row.Operation, start, actor);

        (start.Status, start.Stage).ShouldBe((row.ToStatus, row.ToStage), row.ToString());
        start.Revision.ShouldBe(revision + 1);
        start.History[^1].Kind.ShouldBe(DossierWorkflow.EventKindOf(row.Operation));
        start.History[^1].ToStatus.ShouldBe(row.ToStatus);
    }

    /// <summary>Some rows have a business check beyond the table (the draft before the signature, fees paid before the
    /// return): the walk needs a state that passes it too.</summary>
    private static bool Succeeds(WorkflowRow row, Dossier probe)
    {
        try
        {
            States.Perform(row.Operation, probe, States.ActorFor(row.Role, probe));
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    [Fact]
    public void Creation_Rows_AreTheThreeWaysADossierStarts()
    {
        var creations = DossierWorkflow.Rows.Where(r => r.Status is null).ToList();
        creations.Select(r => (r.Operation, r.Role, r.ToStatus)).ShouldBe(
        [
            (DossierOperation.Submit, WorkflowRole.Applicant, DossierStatus.Submitted),
            (DossierOperation.Receive, WorkflowRole.DeskOfficial, DossierStatus.Received),
            (DossierOperation.Refuse, WorkflowRole.DeskOfficial, DossierStatus.Refused),
        ], ignoreOrder: true);
        States.Submitted(0).History.Single().Kind.ShouldBe(DossierEventKind.Submit);
        States.Received(0).History.Single().Kind.ShouldBe(DossierEventKind.Receive);
    }

    public static TheoryData<string> EveryState()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in States.All()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryState))]
    public void Operation_NotInTheTable_FromTheState_IsRefused_AndChangesNothing(string state)
    {
        var make = States.All().Single(s => s.Name == state).Make;
        var probe = make();
        foreach (var op in OnExisting)
        {
            var rows = DossierWorkflow.RowsAt(op, probe.Status, probe.Stage);
            if (rows.Count > 0) continue;
            var d = make();
            var (status, stage, revision) = (d.Status, d.Stage, d.Revision);
            var error = Should.Throw<DomainException>(() => States.Perform(op, d, DossierBuilder.Desk), $"{op} from {state}");
            error.Message.ShouldBe(DossierWorkflow.Refusal(op, d), $"{op} from {state}");
            (d.Status, d.Stage, d.Revision, d.History.Count).ShouldBe((status, stage, revision, revision), $"{op} from {state}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryState))]
    public void Row_WhoseGuardFails_IsRefusedWithTheGuardsMessage(string state)
    {
        var make = States.All().Single(s => s.Name == state).Make;
        var probe = make();
        foreach (var op in OnExisting)
        {
            var rows = DossierWorkflow.RowsAt(op, probe.Status, probe.Stage);
            if (rows.Count == 0) continue;
            var d = make();
            var actor = rows.Select(r => States.ActorFor(r.Role, d)).First();
            var who = WorkflowActor.Of(actor);
            if (rows.Any(r => DossierWorkflow.Holds(r, d, who))) continue;
            var failing = rows[0].Guards.First(g => !g.Holds(d, who));
            var revision = d.Revision;
            var error = Should.Throw<DomainException>(() => States.Perform(op, d, actor), $"{op} from {state}");
            error.Message.ShouldBe(failing.Message(d), $"{op} from {state}");
            d.Revision.ShouldBe(revision);
        }
    }

    [Fact]
    public void Guards_ThatFail_AreReachedByTheStates()
    {
        // Each guard is seen failing somewhere, so the test above is not empty for it.
        var failing = new HashSet<string>();
        foreach (var (_, make) in States.All())
        {
            var d = make();
            foreach (var row in DossierWorkflow.Rows.Where(r => r.Status == d.Status && r.Stage == d.Stage))
                foreach (var guard in row.Guards.Where(g => !g.Holds(d, WorkflowActor.Of(States.ActorFor(row.Role, d)))))
                    failing.Add(guard.Name);
        }
        failing.ShouldBe(DossierWorkflow.Rows.SelectMany(r => r.Guards).Select(g => g.Name)
            // Every state has components, and the consulted person is always of the asked unit.
            .Except([nameof(DossierWorkflow.AskedOfActorUnit), nameof(DossierWorkflow.HasComponents)]).Distinct(), ignoreOrder: true);
    }

    [Fact]
    public void StatusTransitions_AreTheTableSeenFromTheStatuses()
    {
        // Every national status change the aggregate makes is a row, and every row changing status is an allowed change.
        foreach (var row in DossierWorkflow.Rows.Where(r => DossierWorkflow.StatusAction(r.Operation) is not null))
            DossierTransitions.IsAllowed(row.Status, DossierWorkflow.StatusAction(row.Operation)!.Value, row.ToStatus).ShouldBeTrue(row.ToString());
        // The national table as it was written by hand before the workflow table existed.
        DossierTransitions.Allowed.ShouldBe(
        [
            (null, DossierAction.Submit, DossierStatus.Submitted),
            (null, DossierAction.Receive, DossierStatus.Received),
            (DossierStatus.Submitted, DossierAction.Receive, DossierStatus.Received),
            (null, DossierAction.Refuse, DossierStatus.Refused),
            (DossierStatus.Submitted, DossierAction.Refuse, DossierStatus.Refused),
            (DossierStatus.SupplementRequested, DossierAction.Refuse, DossierStatus.Refused),
            (DossierStatus.Submitted, DossierAction.RequestSupplement, DossierStatus.SupplementRequested),
            (DossierStatus.Received, DossierAction.RequestSupplement, DossierStatus.SupplementRequested),
            (DossierStatus.InProgress, DossierAction.RequestSupplement, DossierStatus.SupplementRequested),
            (DossierStatus.SupplementRequested, DossierAction.AnswerSupplement, DossierStatus.Submitted),
            (DossierStatus.SupplementRequested, DossierAction.AnswerSupplement, DossierStatus.Received),
            (DossierStatus.SupplementRequested, DossierAction.AnswerSupplement, DossierStatus.InProgress),
            (DossierStatus.Received, DossierAction.StartProcessing, DossierStatus.InProgress),
            (DossierStatus.InProgress, DossierAction.RequestFinancialObligation, DossierStatus.AwaitingFinancialObligation),
            (DossierStatus.AwaitingFinancialObligation, DossierAction.FulfilFinancialObligation, DossierStatus.InProgress),
            (DossierStatus.InProgress, DossierAction.Decide, DossierStatus.Decided),
            (DossierStatus.Decided, DossierAction.ReturnResult, DossierStatus.Returned),
            (DossierStatus.Submitted, DossierAction.Withdraw, DossierStatus.Withdrawn),
            (DossierStatus.Received, DossierAction.Withdraw, DossierStatus.Withdrawn),
            (DossierStatus.InProgress, DossierAction.Withdraw, DossierStatus.Withdrawn),
            (DossierStatus.SupplementRequested, DossierAction.Withdraw, DossierStatus.Withdrawn),
            (DossierStatus.AwaitingFinancialObligation, DossierAction.Withdraw, DossierStatus.Withdrawn),
            (DossierStatus.Received, DossierAction.Stop, DossierStatus.Stopped),
            (DossierStatus.InProgress, DossierAction.Stop, DossierStatus.Stopped),
            (DossierStatus.SupplementRequested, DossierAction.Stop, DossierStatus.Stopped),
            (DossierStatus.AwaitingFinancialObligation, DossierAction.Stop, DossierStatus.Stopped),
        ], ignoreOrder: true);
        DossierWorkflow.Rows.Where(r => DossierWorkflow.StatusAction(r.Operation) is null).ShouldAllBe(r => r.Status == r.ToStatus);
    }

    [Fact]
    public void AvailableOperations_OfNobody_IsEmpty_AndOfTheSystem_IsPaymentsOnly()
    {
        var d = States.At(ProcessingStage.Appraisal, WorkflowStates.Fee);
        d.AvailableOperations(new WorkflowActor(new HashSet<WorkflowRole>())).ShouldBeEmpty();
        d.AvailableOperations(new WorkflowActor(new HashSet<WorkflowRole> { WorkflowRole.System })).ShouldBe([DossierOperation.RecordPayment]);
        d.RequestFinancialObligation("Nộp lệ phí trước bạ", DossierBuilder.Specialist, WorkflowStates.Now);
        d.AvailableOperations(new WorkflowActor(new HashSet<WorkflowRole> { WorkflowRole.System }))
            .ShouldBe([DossierOperation.RecordPayment, DossierOperation.FulfilFinancialObligation], ignoreOrder: true);
    }
}
