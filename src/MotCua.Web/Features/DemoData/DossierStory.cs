using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Payments.Vnpay;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.DemoData;

/// <summary>One demo dossier's life, told with the domain's own operations at plausible past instants. Each
/// story is drawn a fate (the status it ends in) so the set covers every status and channel; the dossiers
/// still open are recent ones, and a story also stops early when its next step would fall after "now".</summary>
internal sealed class DossierStory
{
    private readonly Random random;
    private readonly WorkingCalendar calendar;
    private readonly DateTime now;
    private readonly DemoDataGenerator.Place place;
    private readonly ProcedureVersion version;
    private readonly StoredFile scan;
    private readonly DossierStatus _fate;
    private readonly Channel _channel;
    private readonly Owner? owner;

    /// <summary>The demo citizen's portal account: a few stories are theirs, so the portal has something to show.</summary>
    public sealed record Owner(Guid AccountId, string FullName, string IdNumber, string? Phone, string? Email, string? Address);

    /// <summary>Draws the fate, the channel and the first instant at once, so that the generator can tell the
    /// stories in time order and the daily sequence numbers follow the clock.</summary>
    public DossierStory(Random random, WorkingCalendar calendar, DateTime now, DemoDataGenerator.Place place, ProcedureVersion version, StoredFile scan, Owner? owner = null)
    {
        (this.random, this.calendar, this.now, this.place, this.version, this.scan, this.owner) = (random, calendar, now, place, version, scan, owner);
        _fate = DrawFate(random);
        // A procedure without online service cannot wait online: such dossiers wait at the desk instead.
        if (_fate is DossierStatus.Submitted or DossierStatus.SupplementRequested && version.OnlineLevel == OnlineLevel.None)
            _fate = DossierStatus.Received;
        _channel = ChooseChannel();
        Start = ReceptionInstant(Open ? 8 : 90);
    }

    /// <summary>When the dossier arrives (submission or reception).</summary>
    public DateTime Start { get; }

    private static readonly (DossierStatus Fate, double Weight)[] Fates =
    [
        (DossierStatus.Submitted, 0.03), (DossierStatus.Refused, 0.04), (DossierStatus.SupplementRequested, 0.03),
        (DossierStatus.Received, 0.02), (DossierStatus.InProgress, 0.08), (DossierStatus.AwaitingFinancialObligation, 0.02),
        (DossierStatus.Withdrawn, 0.02), (DossierStatus.Stopped, 0.02), (DossierStatus.Decided, 0.05), (DossierStatus.Returned, 0.69),
    ];

    private ProcedureContent Content => version.Content;

    private static DossierStatus DrawFate(Random random)
    {
        var r = random.NextDouble();
        foreach (var (fate, weight) in Fates)
        {
            if (r < weight) return fate;
            r -= weight;
        }
        return DossierStatus.Returned;
    }

    private bool Open => _fate is DossierStatus.Submitted or DossierStatus.SupplementRequested or DossierStatus.Received
        or DossierStatus.InProgress or DossierStatus.AwaitingFinancialObligation or DossierStatus.Decided;

    public async Task<Dossier> TellAsync(DossierCodeGenerator codes, CancellationToken ct)
    {
        var channel = _channel;
        var t = Start;
        // Drawn even for the demo citizen's stories, so that the rest of the data set stays the same.
        var applicant = RandomApplicant();
        if (owner is not null)
            applicant = Applicant.Create(ApplicantKind.Person, owner.FullName, owner.IdNumber, owner.Phone, owner.Email, owner.Address);
        var components = Content.Components
            .Where(c => c.Form != ComponentForm.OriginalToShow && (!c.Optional || random.NextDouble() < 0.3))
            .Select(c => new DossierComponent(c.Code, c.Name, c.Form, c.Count))
            .ToList();
        var fees = FeeCalculator.Compute(Content.Fees, new FeeRequest(channel, 1, random.Next(1, 4), random.Next(1, 12),
            random.NextDouble() < 0.1 ? [ExemptionGroups.Elderly] : null));
        var intake = new Dossier.Intake(Guid.CreateVersion7(), version, place.Commune.Id, place.Commune.Id, applicant, Content.Name,
            components, fees, DossierCodeGenerator.NewLookupCode(), null, 1,
            // Online: the citizen's VNeID account; at the desk: a lookup in the population database (docs/adr/0033c).
            Identity: random.NextDouble() < 0.7 ? channel == Channel.Online ? IdentityCheck.ElectronicIdentity : IdentityCheck.PopulationDatabase : IdentityCheck.None,
            FeeExemption: fees.Any(f => f.Exempted) ? "Miễn phí, lệ phí — đối tượng: Người cao tuổi; căn cứ: ngày sinh trên thẻ căn cước" : null);
        if (intake.Identity == IdentityCheck.PopulationDatabase) intake = intake with { ConnectedDatabases = [IdentityChecks.PopulationDatabaseCode] };
        var code = await codes.NextAsync(place.Commune.AgencyCode, t, ct);
        var desk = place.DeskOfficial;
        var citizen = Actor.Applicant(owner?.AccountId, applicant.FullName);

        Dossier dossier;
        if (channel == Channel.Online)
        {
            var level = Content.OnlineLevel == OnlineLevel.Full && random.NextDouble() < 0.85 ? OnlineLevel.Full : OnlineLevel.Partial;
            dossier = Dossier.Submit(intake, code, level, citizen, t,
                owner is null ? null : new Dossier.OnlineSubmission(Guid.CreateVersion7(), owner.AccountId));
            foreach (var c in dossier.Components)
                dossier.AttachComponentFile(c.Id, scan.Id, scan.FileName, scannedFromPaper: false, citizen, t);
            if (dossier.Components.Count > 0 && random.NextDouble() < 0.35)
                dossier.MarkComponentReused(dossier.Components[0].Id, fromCitizenStore: true, null, citizen, t);
            if (dossier.FeesOwed > 0 && random.NextDouble() < 0.8)
                Pay(dossier, dossier.FeesOwed, random.NextDouble() < 0.5 ? PaymentMethod.NationalPortal : PaymentMethod.LocalGateway,
                    $"GD{random.NextInt64(1_000_000_000, 9_999_999_999)}", citizen, t);

            if (_fate == DossierStatus.Submitted || !Next(ref t, 0.5, 6)) return dossier;
            if (_fate == DossierStatus.Refused)
            {
                dossier.Refuse("Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị.", desk, t);
                return dossier;
            }
            if (_fate == DossierStatus.SupplementRequested || random.NextDouble() < 0.08)
            {
                dossier.RequestSupplement("Thành phần hồ sơ chưa đầy đủ, chưa hợp lệ.",
                    [$"{(Content.Components.Count > 0 ? Content.Components[0].Name : "Tờ khai")} (bản rõ nét, đầy đủ chữ ký)"], desk, t);
                if (_fate == DossierStatus.SupplementRequested || !Next(ref t, 4, 24)) return dossier;
                dossier.AnswerSupplement("Đã tải lên bản bổ sung.", calendar, citizen, t);
                if (!Next(ref t, 0.5, 4)) return dossier;
            }
            dossier.Receive(version, calendar, desk, t);
        }
        else
        {
            if (_fate == DossierStatus.Refused)
                return Dossier.RefuseInPerson(intake, channel, code, "Yêu cầu không thuộc phạm vi giải quyết của thủ tục hành chính.", desk, t);
            var postmark = channel == Channel.Postal ? t.AddDays(-random.Next(1, 4)) : (DateTime?)null;
            dossier = Dossier.ReceiveInPerson(intake, channel, code, postmark, calendar, desk, t);
            if (random.NextDouble() < 0.8)
                foreach (var c in dossier.Components)
                    dossier.AttachComponentFile(c.Id, scan.Id, scan.FileName, scannedFromPaper: true, desk, t);
            if (dossier.FeesOwed > 0)
                Pay(dossier, dossier.FeesOwed, PaymentMethod.Desk, $"BL{random.Next(100000, 999999)}", desk, t);
        }
        return _fate is DossierStatus.Received or DossierStatus.SupplementRequested ? dossier : Process(dossier, t);
    }

    /// <summary>The payments of the story, as the one payment model records them (Features/Payments): each credits the
    /// dossier's ledger with its order's id, as a real payment does.</summary>
    public List<PaymentOrder> Orders { get; } = [];

    /// <summary>The commune whose desk received the dossier: its receipt series numbers the payments.</summary>
    public Guid CommuneId => place.Commune.Id;

    private void Pay(Dossier dossier, long amount, PaymentMethod method, string reference, Actor actor, DateTime t)
    {
        PaymentOrder order;
        if (method is PaymentMethod.NationalPortal or PaymentMethod.LocalGateway)
        {
            // Paid at the gateway and settled by its notice at once, as in the sandbox's normal mode.
            order = PaymentOrder.Online(dossier, method == PaymentMethod.LocalGateway ? VnpayProvider.ProviderCode : PaymentOrder.NationalPlatformProvider,
                method, "MOTCUA01", owner?.AccountId, actor.Name, t, t.AddMinutes(15));
            order.MarkPaid(reference, "NCB", VnpayProtocol.Success, t, t);
        }
        else order = PaymentOrder.AtDesk(dossier, amount, method, reference, actor.Name, t);
        dossier.RecordPayment(amount, method, reference, t, actor, t, order.Id);
        Orders.Add(order);
    }

    private Dossier Process(Dossier dossier, DateTime t)
    {
        var economic = Content.FieldCode is "HKD" or "DD" or "BTXH";
        var specialist = economic ? place.EconomySpecialist : place.Specialist;
        var department = economic ? place.Economy : place.Justice;
        var legal = calendar.WorkingTimeBetween(dossier.ReceivedAtUtc!.Value, dossier.DueAtUtc!.Value, []);

        if (!Next(ref t, 0.2, 1.5)) return dossier;
        if (_fate == DossierStatus.Withdrawn && random.NextDouble() < 0.5)
        {
            dossier.Withdraw("Người nộp không còn nhu cầu giải quyết.", place.DeskOfficial, t);
            return dossier;
        }
        dossier.StartProcessing(department.Id, department.Name, place.DeskOfficial, t);
        dossier.Assign(specialist.Id!.Value, specialist.Name, place.Leader, t);

        // How long the work takes, as a share of the legal time: most early, about one in ten late.
        var share = random.NextDouble() < 0.1 ? 1.05 + random.NextDouble() * 0.6 : 0.2 + random.NextDouble() * 0.75;
        if (_fate is DossierStatus.Withdrawn or DossierStatus.Stopped)
        {
            Next(ref t, legal * share * 0.4);
            if (_fate == DossierStatus.Withdrawn) dossier.Withdraw("Người nộp không còn nhu cầu giải quyết.", place.DeskOfficial, t);
            else dossier.Stop("Người nộp đề nghị dừng giải quyết để hoàn thiện hồ sơ.", place.Leader, t);
            return dossier;
        }
        // Asked once per dossier: one already asked at reception is not asked again.
        if (random.NextDouble() < 0.05 && dossier.SupplementCount == 0)
        {
            if (!Next(ref t, legal * share * 0.3)) return dossier;
            dossier.RequestSupplement("Cần bổ sung giấy tờ chứng minh theo quy định.", ["Bản sao giấy tờ chứng minh nơi cư trú"], specialist, t);
            if (!Next(ref t, 4, 30)) return dossier;
            dossier.AnswerSupplement("Người nộp đã bổ sung tại Bộ phận Một cửa.", calendar, place.DeskOfficial, t);
        }

        var finish = calendar.AddWorkingTime(t, legal * share);
        if (share > 1 && random.NextDouble() < 0.6)
        {
            // At the latest one working day before the due date.
            var dueDay = DateOnly.FromDateTime(VietnamTime.ToLocal(dossier.DueAtUtc!.Value));
            var apologyAt = VietnamTime.ToUtc(calendar.PreviousWorkingDay(dueDay).ToDateTime(new TimeOnly(9, 0)));
            if (apologyAt > t && apologyAt <= now)
            {
                dossier.Apologize("Hồ sơ cần xác minh thêm với cơ quan liên quan.",
                    calendar.AddWorkingTime(dossier.DueAtUtc!.Value, legal * 0.8 + TimeSpan.FromHours(8)), calendar, place.Leader, apologyAt);
                t = apologyAt;
            }
        }

        // Appraisal (sometimes with another unit's opinion), draft, signature: spread over the time to finish.
        var span = finish > t ? finish - t : TimeSpan.FromHours(1);
        if (Content.Workflow.Any(w => w.Place == WorkflowStepPlace.CoordinatingUnit) || random.NextDouble() < 0.04)
        {
            if (!NextAt(ref t, t + span * 0.2)) return dossier;
            var answerBy = calendar.AddWorkingTime(t, TimeSpan.FromHours(8));
            if (answerBy < dossier.DueAtUtc)
            {
                var other = place.Economy.Id == department.Id ? place.Justice : place.Economy;
                var coordination = dossier.RequestCoordination(other.Id, other.Name, "Đề nghị cho ý kiến về nội dung hồ sơ.", answerBy, specialist, t);
                if (!NextAt(ref t, t + span * 0.2)) return dossier;
                dossier.AnswerCoordination(coordination.Id, "Thống nhất với nội dung hồ sơ.", other.Id == place.Economy.Id ? place.EconomySpecialist : place.Specialist, t);
            }
        }
        if (_fate == DossierStatus.InProgress && random.NextDouble() < 0.4) return dossier;
        if (!NextAt(ref t, t + (finish - t) * 0.5)) return dossier;
        dossier.AttachDraftResult(scan.Id, "du-thao-ket-qua.pdf", specialist, t);
        dossier.SubmitForApproval(null, specialist, t);
        if (random.NextDouble() < 0.05)
        {
            if (!NextAt(ref t, t + (finish - t) * 0.3)) return dossier;
            dossier.SendBack("Đề nghị chỉnh sửa lại nội dung dự thảo.", place.Leader, t);
            if (!NextAt(ref t, t + (finish - t) * 0.3)) return dossier;
            dossier.SubmitForApproval("Đã chỉnh sửa theo ý kiến lãnh đạo.", specialist, t);
        }
        if (_fate == DossierStatus.InProgress && random.NextDouble() < 0.5) return dossier;
        if (!NextAt(ref t, t + (finish - t) * 0.7)) return dossier;
        dossier.Approve(null, place.Leader, t);
        if (_fate == DossierStatus.InProgress) return dossier;
        if (_fate == DossierStatus.AwaitingFinancialObligation)
        {
            dossier.RequestFinancialObligation("Nộp phí, lệ phí và các nghĩa vụ tài chính theo thông báo của cơ quan có thẩm quyền.", specialist, t);
            return dossier;
        }
        if (finish <= t) finish = t.AddMinutes(30);
        if (finish > now) return dossier;
        t = finish;
        var result = dossier.Decide(Content.ResultName, $"{random.Next(1, 999)}/{VietnamTime.ToLocal(t).Year}", $"KQ{random.NextInt64(10_000_000, 99_999_999)}",
            Content.ResultType == ResultType.Electronic, place.Clerk, t);
        if (random.NextDouble() < 0.85) dossier.AttachResultFile(result.Id, scan.Id, scan.FileName, place.Clerk, t);

        if (_fate == DossierStatus.Decided || !Next(ref t, 1, 24)) return dossier;
        var method = dossier.Channel switch
        {
            Channel.Online => ReturnMethod.Electronic,
            Channel.Postal => ReturnMethod.Postal,
            _ => ReturnMethod.Desk,
        };
        if (dossier.FeesOwed > dossier.AmountPaid)
            Pay(dossier, dossier.FeesOwed - dossier.AmountPaid, PaymentMethod.Desk, $"BL{random.Next(100000, 999999)}", place.DeskOfficial, t);
        dossier.ReturnResult(method, method == ReturnMethod.Desk ? dossier.Applicant.FullName : null, place.DeskOfficial, t);
        return dossier;
    }

    private Channel ChooseChannel()
    {
        if (Content.OnlineOnlyPilot || _fate is DossierStatus.Submitted or DossierStatus.SupplementRequested) return Content.OnlineLevel == OnlineLevel.None ? Channel.Desk : Channel.Online;
        if (Content.OnlineLevel == OnlineLevel.None) return random.NextDouble() < 0.08 ? Channel.Postal : Channel.Desk;
        var r = random.NextDouble();
        return r < 0.62 ? Channel.Online : r < 0.95 ? Channel.Desk : Channel.Postal;
    }

    /// <summary>A working instant in the last <paramref name="days"/> days: desks receive in office hours.</summary>
    private DateTime ReceptionInstant(int days)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(now));
        for (var attempt = 0; ; attempt++)
        {
            var day = today.AddDays(-random.Next(0, days));
            if (!calendar.IsWorkingDay(day) && attempt < 50) continue;
            var minutes = random.Next(0, 420); // 7 working hours from 07:30, skipping lunch
            var local = day.ToDateTime(new TimeOnly(7, 30)).AddMinutes(minutes < 240 ? minutes : minutes + 120);
            var utc = VietnamTime.ToUtc(local);
            if (utc < now) return utc;
        }
    }

    private bool NextAt(ref DateTime t, DateTime at)
    {
        if (at > now) return false;
        if (at > t) t = at;
        return true;
    }

    private bool Next(ref DateTime t, double minHours, double maxHours) =>
        Next(ref t, TimeSpan.FromHours(minHours + random.NextDouble() * (maxHours - minHours)));

    private bool Next(ref DateTime t, TimeSpan workingTime)
    {
        var next = calendar.AddWorkingTime(t, workingTime);
        if (next > now) return false;
        t = next;
        return true;
    }

    private Applicant RandomApplicant()
    {
        var female = random.NextDouble() < 0.5;
        var middle = female ? "Thị" : DemoUnits.MiddleNames[random.Next(DemoUnits.MiddleNames.Length)];
        var name = $"{DemoUnits.FamilyNames[random.Next(DemoUnits.FamilyNames.Length)]} {middle} {DemoUnits.GivenNames[random.Next(DemoUnits.GivenNames.Length)]}";
        // Personal ID: province of birth (3), century and sex (1), year of birth (2), random (6).
        var year = random.Next(1950, 2006);
        var id = $"0{random.Next(1, 96):D2}{(year >= 2000 ? 2 : 0) + (female ? 1 : 0)}{year % 100:D2}{random.Next(0, 1_000_000):D6}";
        return Applicant.Create(ApplicantKind.Person, name, id, $"09{random.Next(0, 100_000_000):D8}", null,
            $"Khu phố {random.Next(1, 12)}, {place.Commune.Name}, Tỉnh Minh Họa");
    }
}
