using System.Linq.Expressions;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Scorecard;

/// <summary>What is known of a dossier counted against an indicator, to word its reasons.</summary>
public sealed record LostFacts(
    Channel Channel, DossierStatus Status, DateTime? DueAtUtc, DateTime? ProcessingEndedAtUtc, int SupplementCount, DateTime? PausedAtUtc,
    DateTime MeasureUtc, WorkingCalendar Calendar);

/// <summary>One condition of an indicator's numerator, with what is wrong when it does not hold (null: nothing to say).</summary>
public sealed record Part(Expression<Func<Dossier, bool>> Holds, Func<LostFacts, string?> Reason);

/// <summary>A dossier indicator: its denominator, and its numerator as the denominator and every part. With
/// <paramref name="SubtractEachPart"/> (5.4) the ratio is 100 % minus the share failing each part, so a dossier
/// failing two parts counts twice.</summary>
public sealed record DossierIndicator(string Id, Expression<Func<Dossier, bool>> Denominator, IReadOnlyList<Part> Parts, bool SubtractEachPart = false)
{
    public Expression<Func<Dossier, bool>> Numerator => Parts.Aggregate(Denominator, (all, part) => DossierRules.And(all, part.Holds));
}

/// <summary>The dossier indicators of the 766 scorecard, each written once as named conditions: the aggregate counts
/// (<see cref="ScorecardQuery"/>) and the list of what counts against a unit (<see cref="ListLostPoints"/>) both use
/// these expressions, so a reason is never a second definition. Every expression translates to SQL on SQLite and
/// PostgreSQL (plain comparisons, EXISTS over the dossier's rows).</summary>
public sealed class DossierRules
{
    public const string DislikedOrFeedback = "người nộp đánh giá không hài lòng hoặc có phản ánh, kiến nghị về hồ sơ";

    /// <param name="measureUtc">When unfinished dossiers are judged: the period's end, or now if it is still running.</param>
    /// <param name="versions">The catalog's facts per procedure version (paper result, fees, eligible for toàn trình, certification).</param>
    /// <param name="dossiersWithFeedback">Dossiers that feedback (phản ánh, kiến nghị) was sent about (5.4), from <see cref="IFeedbackFigures"/>.</param>
    /// <param name="signedCopies">Dossiers whose certified copy exists signed (6.3), from <see cref="ICertifiedCopyFigures"/>;
    /// none when not given.</param>
    public DossierRules(DateTime measureUtc, CatalogFacts versions, ScorecardOptions options, IQueryable<SatisfactionRating> ratings,
        IQueryable<Guid> dossiersWithFeedback, IQueryable<Guid>? signedCopies = null)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(options);
        MeasureUtc = measureUtc;
        var eligible = versions.EligibleForFullOnline;
        var paper = versions.PaperResult;
        var fees = versions.WithFees;
        var certification = versions.Certification;
        var population = ScorecardOptions.Codes(options.PopulationDatabaseCodes).ToList();

        Expression<Func<Dossier, bool>> synced = d => d.SyncState == SyncState.Synced;
        // A dossier refused, stopped or withdrawn has no result: its document is the request that ended it (Form 03, Form 05,
        // the applicant's withdrawal request), filed with the dossier (Features/Forms). Seed 004 names an ended dossier
        // without it as a cause of lost digitization points.
        Expression<Func<Dossier, bool>> requestDocument = d =>
            (d.Status == DossierStatus.Refused && d.Files.Any(f => f.Form == DossierForm.Refusal))
            || (d.Status == DossierStatus.Stopped && d.Files.Any(f => f.Form == DossierForm.Stop))
            || (d.Status == DossierStatus.Withdrawn && d.Files.Any(f => f.Form == DossierForm.WithdrawalRequest));
        var resultFile = Or(d => d.Files.Any(f => f.Purpose == DossierFilePurpose.Result), requestDocument);
        // An electronic result: a result with its code and a file (3.3's "result code + file").
        Expression<Func<Dossier, bool>> electronicResult = d => d.Results.Any(r => r.ResultCode != null
            && d.Files.Any(f => f.Purpose == DossierFilePurpose.Result && f.ResultId == r.Id));
        Expression<Func<Dossier, bool>> paperResult = d => paper.Contains(d.ProcedureVersionId);
        var electronicIfPaper = Or(Or(Not(paperResult), electronicResult), requestDocument);
        // Components shown only (bản chính để đối chiếu) are not kept; a re-used one is already digital data.
        Expression<Func<Dossier, bool>> componentsFiled = d => d.Components.All(c => c.Form == Catalog.ComponentForm.OriginalToShow || c.Reused
            || d.Files.Any(f => f.Purpose == DossierFilePurpose.Component && f.ComponentId == c.Id));
        Expression<Func<Dossier, bool>> fromStore = d => d.Components.Any(c => c.FromCitizenStore);
        Expression<Func<Dossier, bool>> nonZeroFees = d => d.Fees.Any(f => f.Amount > 0 && !f.Exempted);
        Expression<Func<Dossier, bool>> paidOnline = d => d.Payments.Any(p => p.Method == PaymentMethod.NationalPortal || p.Method == PaymentMethod.LocalGateway);
        Expression<Func<Dossier, bool>> reused = options.ReuseCountsDigitized
            ? d => d.Components.Any(c => c.Reused || c.Digitized)
            : d => d.Components.Any(c => c.Reused);
        Expression<Func<Dossier, bool>> database = population.Count == 0
            ? d => d.ConnectedDatabases.Any()
            : d => d.ConnectedDatabases.Any(c => population.Contains(c));
        // 6.3: an electronic certified copy is the signed copy, not any result with a code and a file (docs/adr/0033e).
        Expression<Func<Dossier, bool>> signedCopy = signedCopies is null ? d => false : d => signedCopies.Contains(d.Id);
        // 5.4's second share is one share: a dossier both disliked and complained about is one dossier, not two.
        Expression<Func<Dossier, bool>> disliked = d => ratings.Any(r => r.DossierId == d.Id && !r.Liked) || dossiersWithFeedback.Contains(d.Id);

        var timeliness = Timeliness.Class(measureUtc);
        Judged = Compare(timeliness, TimelinessClass.None, equal: false);
        var notLate = Compare(timeliness, TimelinessClass.Late, equal: false);
        Expression<Func<Dossier, bool>> askedOnce = d => d.SupplementCount <= 1;
        Expression<Func<Dossier, bool>> all = d => true;

        PopulationData = Or(Or(d => d.IdentityVerified, fromStore), database);
        SyncedWithFees = And(synced, nonZeroFees);
        PaidOnline = paidOnline;
        Online = d => d.Channel == Channel.Online;
        Completed = d => d.Status == DossierStatus.Decided || d.Status == DossierStatus.Returned;

        var late = new Part(notLate, Overdue);
        All =
        [
            new("1.4", all, [new(synced, _ => "chưa đồng bộ lên Cổng Dịch vụ công quốc gia")]),
            new("2.1", Judged, [new(askedOnce, f => $"yêu cầu bổ sung {f.SupplementCount} lần"), late]),
            new("3.4", d => eligible.Contains(d.ProcedureVersionId),
                [new(d => d.Channel == Channel.Online && d.SubmissionLevel == Catalog.OnlineLevel.Full, f => f.Channel switch
                {
                    Channel.Desk => "nộp trực tiếp tại Bộ phận Một cửa, không phải trực tuyến toàn trình",
                    Channel.Postal => "nộp qua bưu chính, không phải trực tuyến toàn trình",
                    _ => "nộp trực tuyến một phần, không phải toàn trình",
                })]),
            new("3.3", all,
            [
                new(Online, _ => "không nộp trực tuyến"),
                new(electronicIfPaper, _ => "kết quả là giấy tờ nhưng chưa có kết quả điện tử (mã kết quả và tệp)"),
            ]),
            new("4.3", And(d => fees.Contains(d.ProcedureVersionId), nonZeroFees), [new(paidOnline, _ => "chưa thanh toán trực tuyến")]),
            new("5.4", Judged,
            [
                late with { Reason = f => Overdue(f) ?? $"yêu cầu bổ sung {f.SupplementCount} lần" },
                new(Not(disliked), _ => DislikedOrFeedback),
            ], SubtractEachPart: true),
            new("6.1", paperResult, [new(synced, _ => "chưa đồng bộ lên Cổng Dịch vụ công quốc gia"), new(resultFile, NoResultFile)]),
            new("6.2", all,
            [
                new(componentsFiled, f => f.Channel == Channel.Online ? "thành phần hồ sơ chưa có tệp" : "thành phần hồ sơ nộp trực tiếp chưa số hóa"),
                new(resultFile, NoResultFile),
                new(electronicIfPaper, _ => "kết quả là giấy tờ nhưng chưa có kết quả điện tử (mã kết quả và tệp)"),
            ]),
            new("6.3", d => certification.Contains(d.ProcedureVersionId),
                [new(signedCopy, _ => "chưa cấp bản sao điện tử có chứng thực (bản sao được ký số của người thực hiện chứng thực)")]),
            new("6.4", all, [new(reused, _ => options.ReuseCountsDigitized
                ? "không có thành phần hồ sơ được số hóa hoặc tái sử dụng dữ liệu số hóa"
                : "không có thành phần hồ sơ tái sử dụng dữ liệu số hóa")]),
            new("6.5", all, [new(Or(fromStore, And(And(d => d.ReturnMethod == ReturnMethod.Electronic, synced), electronicResult)),
                _ => "không lấy giấy tờ từ kho dữ liệu của người dân, kết quả điện tử chưa đưa vào kho dữ liệu")]),
            new("6.6", all, [new(PopulationData, _ => "chưa xác thực định danh (VNeID), không lấy giấy tờ từ kho dữ liệu, không kết nối Cơ sở dữ liệu quốc gia về dân cư")]),
        ];
    }

    public DateTime MeasureUtc { get; }

    public IReadOnlyList<DossierIndicator> All { get; }

    /// <summary>Judged by 2.1: received, and not ended without ever being processed.</summary>
    public Expression<Func<Dossier, bool>> Judged { get; }

    /// <summary>Counted per procedure: 4.1, 4.2, 6.7 and 3.2.</summary>
    public Expression<Func<Dossier, bool>> SyncedWithFees { get; }
    public Expression<Func<Dossier, bool>> PaidOnline { get; }
    public Expression<Func<Dossier, bool>> PopulationData { get; }
    public Expression<Func<Dossier, bool>> Online { get; }

    /// <summary>2.2: settled (9 or 10).</summary>
    public Expression<Func<Dossier, bool>> Completed { get; }

    public DossierIndicator? Find(string id) => All.FirstOrDefault(i => i.Id == id);

    private static string NoResultFile(LostFacts f) => f.Status switch
    {
        DossierStatus.Refused => "từ chối tiếp nhận nhưng không đính kèm phiếu từ chối (Mẫu 03)",
        DossierStatus.Stopped => "dừng xử lý nhưng không đính kèm thông báo dừng giải quyết (Mẫu 05)",
        DossierStatus.Withdrawn => "rút hồ sơ nhưng không đính kèm đơn đề nghị rút hồ sơ",
        _ when f.ProcessingEndedAtUtc is null && !f.Status.IsTerminal() => "chưa có tệp kết quả (hồ sơ chưa giải quyết xong)",
        _ => "chưa có tệp kết quả",
    };

    /// <summary>Late by its dates, in working days past the due date (the calendar's), at the instant 2.1 measures it.</summary>
    private static string? Overdue(LostFacts f)
    {
        if (f.DueAtUtc is not { } due) return null;
        var at = f.PausedAtUtc ?? f.ProcessingEndedAtUtc ?? f.MeasureUtc;
        if (at <= due) return null;
        var from = DateOnly.FromDateTime(VietnamTime.ToLocal(due));
        var to = DateOnly.FromDateTime(VietnamTime.ToLocal(at));
        var days = f.Calendar.Covers(from) && f.Calendar.Covers(to) ? f.Calendar.WorkingDaysBetween(from, to) : to.DayNumber - from.DayNumber;
        var running = f.ProcessingEndedAtUtc is null && f.PausedAtUtc is null && !f.Status.IsTerminal();
        return days < 1
            ? running ? "đang xử lý, đã quá hạn (chưa đến 1 ngày làm việc)" : "quá hạn (chưa đến 1 ngày làm việc)"
            : running ? $"đang xử lý, đã quá hạn {days} ngày làm việc" : $"quá hạn {days} ngày làm việc";
    }

    // ---------------------------------------------------------------- composing expressions

    public static Expression<Func<Dossier, bool>> And(Expression<Func<Dossier, bool>> left, Expression<Func<Dossier, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    public static Expression<Func<Dossier, bool>> Or(Expression<Func<Dossier, bool>> left, Expression<Func<Dossier, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    public static Expression<Func<Dossier, bool>> Not(Expression<Func<Dossier, bool>> predicate) =>
        Expression.Lambda<Func<Dossier, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    private static Expression<Func<Dossier, bool>> Compare(Expression<Func<Dossier, TimelinessClass>> value, TimelinessClass constant, bool equal)
    {
        var c = Expression.Constant(constant);
        return Expression.Lambda<Func<Dossier, bool>>(equal ? Expression.Equal(value.Body, c) : Expression.NotEqual(value.Body, c), value.Parameters);
    }

    private static Expression<Func<Dossier, bool>> Combine(
        Expression<Func<Dossier, bool>> left, Expression<Func<Dossier, bool>> right, Func<Expression, Expression, BinaryExpression> op)
    {
        var d = left.Parameters[0];
        return Expression.Lambda<Func<Dossier, bool>>(op(left.Body, Bind(right, d)), d);
    }

    internal static Expression Bind(LambdaExpression lambda, ParameterExpression d) => new Rebind(lambda.Parameters[0], d).Visit(lambda.Body);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
