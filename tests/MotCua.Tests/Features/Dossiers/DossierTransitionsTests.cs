using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Tests.Features.Dossiers;

/// <summary>Every action tried from every status: it succeeds exactly when the transition table allows it,
/// lands in the status the table names, and leaves one history entry; otherwise it throws a Vietnamese
/// <see cref="DomainException"/> and changes nothing.</summary>
public sealed class DossierTransitionsTests
{
    private static readonly DateTime Later = DossierBuilder.T0.AddDays(3);

    /// <summary>How each action is performed on an existing dossier.</summary>
    private static readonly Dictionary<DossierAction, Action<Dossier, DossierBuilder>> Perform = new()
    {
        [DossierAction.Receive] = (d, b) => d.Receive(b.Version, DossierBuilder.Calendar, DossierBuilder.Desk, Later),
        [DossierAction.Refuse] = (d, _) => d.Refuse("Hồ sơ không hợp lệ", DossierBuilder.Desk, Later),
        [DossierAction.RequestSupplement] = (d, _) => d.RequestSupplement("Thiếu giấy tờ", ["Giấy tờ chứng minh chỗ ở"], DossierBuilder.Specialist, Later),
        [DossierAction.AnswerSupplement] = (d, _) => d.AnswerSupplement("Đã bổ sung", DossierBuilder.Calendar, DossierBuilder.Citizen, Later),
        [DossierAction.StartProcessing] = (d, _) => d.StartProcessing(Guid.NewGuid(), "Phòng chuyên môn", DossierBuilder.Desk, Later),
        [DossierAction.RequestFinancialObligation] = (d, _) => d.RequestFinancialObligation("Nộp thuế", DossierBuilder.Specialist, Later),
        [DossierAction.FulfilFinancialObligation] = (d, _) => d.FulfilFinancialObligation(DossierBuilder.Specialist, Later),
        [DossierAction.Decide] = (d, _) => d.Decide("Kết quả", "1/QĐ", null, true, DossierBuilder.Leader, Later),
        [DossierAction.ReturnResult] = (d, _) => d.ReturnResult(ReturnMethod.Electronic, null, DossierBuilder.Desk, Later),
        [DossierAction.Withdraw] = (d, _) => d.Withdraw("Không còn nhu cầu", DossierBuilder.Citizen, Later),
        [DossierAction.Stop] = (d, _) => d.Stop("Đề nghị dừng", DossierBuilder.Leader, Later),
    };

    public static TheoryData<DossierStatus, DossierAction> EveryStatusAndAction()
    {
        var data = new TheoryData<DossierStatus, DossierAction>();
        foreach (var status in Enum.GetValues<DossierStatus>())
            foreach (var action in Perform.Keys)
                data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Action_FromEveryStatus_FollowsTheTable(DossierStatus from, DossierAction action)
    {
        var builder = new DossierBuilder();
        var dossier = builder.In(from);
        dossier.Status.ShouldBe(from);
        var revision = dossier.Revision;
        var allowed = DossierTransitions.Allowed.Where(t => t.From == from && t.Action == action).Select(t => t.To).ToList();

        if (allowed.Count == 0)
        {
            var error = Should.Throw<DomainException>(() => Perform[action](dossier, builder));
            error.Message.ShouldStartWith("Không thể");
            dossier.Status.ShouldBe(from);
            dossier.Revision.ShouldBe(revision);
            dossier.History.Count.ShouldBe(revision);
        }
        else
        {
            Perform[action](dossier, builder);
            allowed.ShouldContain(dossier.Status);
            dossier.Revision.ShouldBe(revision + 1);
            var last = dossier.History[^1];
            last.Kind.ToString().ShouldBe(action.ToString());
            last.FromStatus.ShouldBe(from);
            last.ToStatus.ShouldBe(dossier.Status);
        }
    }

    [Fact]
    public void Creation_ByEachChannel_StartsWhereTheTableSays()
    {
        var b = new DossierBuilder();
        var creations = new (Dossier Dossier, DossierAction Action)[]
        {
            (b.Submitted(), DossierAction.Submit),
            (b.ReceivedAtDesk(), DossierAction.Receive),
            (b.In(DossierStatus.Refused), DossierAction.Refuse),
        };
        foreach (var (dossier, action) in creations)
        {
            DossierTransitions.IsAllowed(null, action, dossier.Status).ShouldBeTrue();
            dossier.History.Single().FromStatus.ShouldBeNull();
            dossier.History.Single().Kind.ToString().ShouldBe(action.ToString());
        }
        // Only creation actions start from nothing.
        DossierTransitions.Allowed.Where(t => t.From is null).Select(t => t.Action).Distinct()
            .ShouldBe([DossierAction.Submit, DossierAction.Receive, DossierAction.Refuse], ignoreOrder: true);
    }

    [Fact]
    public void AnswerSupplement_AfterProcessingStarted_ReturnsToProcessing()
    {
        var b = new DossierBuilder();
        var dossier = b.InProgress();
        dossier.RequestSupplement("Thiếu giấy tờ", ["Bản sao sổ đỏ"], DossierBuilder.Specialist, DossierBuilder.T0.AddHours(2));
        dossier.AnswerSupplement(null, DossierBuilder.Calendar, DossierBuilder.Citizen, DossierBuilder.T0.AddDays(1));
        dossier.Status.ShouldBe(DossierStatus.InProgress);

        var received = b.ReceivedAtDesk();
        received.RequestSupplement("Thiếu giấy tờ", ["Tờ khai"], DossierBuilder.Desk, DossierBuilder.T0.AddHours(1));
        received.AnswerSupplement(null, DossierBuilder.Calendar, DossierBuilder.Citizen, DossierBuilder.T0.AddHours(3));
        received.Status.ShouldBe(DossierStatus.Received);
    }

    [Fact]
    public void Refuse_WhenSupplementWasAskedAfterReception_IsRefusedWithAnExplanation()
    {
        var dossier = new DossierBuilder().ReceivedAtDesk();
        dossier.RequestSupplement("Thiếu giấy tờ", ["Tờ khai"], DossierBuilder.Desk, DossierBuilder.T0.AddHours(1));
        var error = Should.Throw<DomainException>(() => dossier.Refuse("Không bổ sung", DossierBuilder.Desk, Later));
        error.Message.ShouldContain("đã được tiếp nhận");
        dossier.Status.ShouldBe(DossierStatus.SupplementRequested);
    }

    [Fact]
    public void StatusCodes_AreTheNationalCodes()
    {
        Enum.GetValues<DossierStatus>().Select(s => (int)s).ShouldBe(Enumerable.Range(1, 10));
        ((int)Channel.Desk, (int)Channel.Online, (int)Channel.Postal).ShouldBe((1, 2, 3));
        DossierStatus.Returned.DisplayName().ShouldBe("Đã trả kết quả");
    }
}
