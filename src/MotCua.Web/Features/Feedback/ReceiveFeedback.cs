using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Feedback;

/// <summary>Receives feedback: from the portal (a signed-in citizen, or anyone giving a way to be answered), or recorded
/// by an official when it came by the 1022 hotline, a letter or in person. The item is handled by the unit of the dossier
/// it is about, else by the unit the sender chose (the official's own unit when recorded); attachments go through the
/// dossier's file intake (size and real-type checks, bytes written before the row).</summary>
public static class ReceiveFeedback
{
    public const int MaxFiles = FeedbackItem.MaxAttachments;
    /// <summary>The request with its attachments: the most files, each within the file intake's default limit (10 MB,
    /// checked per file with a Vietnamese refusal), and the text. Larger is refused by the server before it is read.</summary>
    public const long MaxUploadBytes = MaxFiles * 10L * 1024 * 1024 + 1024 * 1024;

    public sealed record Request(
        FeedbackCategory? Category, string? Title, string? Content,
        string? SenderName, string? SenderPhone, string? SenderEmail, string? SenderAddress,
        string? Unit, string? DossierCode, string? ProcedureCode, string? RaisedAgainCode);

    /// <summary>What an official records: the channel it came by, and the same facts.</summary>
    public sealed record RecordRequest(FeedbackChannel? Channel, Request? Item);

    /// <summary>The sender's receipt: the code, and the key to follow the item without an account (shown once).</summary>
    public sealed record Receipt(Guid Id, string Code, string AccessKey, string FollowUrl, string Unit, string ReceivedAt, string AnswerDue);

    public sealed class Handler(
        AppDbContext db, CurrentUser user, UnitTree units, FeedbackActions actions, FeedbackNotices notices, FileIntake intake, TimeProvider clock)
    {
        /// <summary>From the portal. An official is sent to the office's own form.</summary>
        public async Task<Receipt> FromPortalAsync(Request request, IReadOnlyList<IFormFile> files, string? requestBase, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (user.IsOfficial)
                throw new ForbiddenException("Cán bộ ghi nhận phản ánh, kiến nghị tại trang làm việc (mục Phản ánh, kiến nghị).");
            CitizenAccount? account = null;
            string? name = request.SenderName, phone = request.SenderPhone, email = request.SenderEmail;
            if (user.IsCitizen)
            {
                account = await user.CitizenAsync(ct);
                var contact = await db.Citizens.AsNoTracking().Where(c => c.Id == account.Id)
                    .Select(c => new { c.PhoneNumber, c.Email }).SingleAsync(ct);
                name = string.IsNullOrWhiteSpace(name) ? account.FullName : name;
                phone = string.IsNullOrWhiteSpace(phone) ? contact.PhoneNumber : phone;
                email = string.IsNullOrWhiteSpace(email) ? contact.Email : email;
            }
            var actor = account?.Actor ?? new Actor(null, Text.NormalizeOrNull(name) ?? "Người gửi", "Người gửi phản ánh, kiến nghị", null, null);

            Dossier? dossier = null;
            if (CitizenDossiers.NormalizeCode(request.DossierCode) is { } code)
            {
                if (account is null)
                    throw new DomainException("Hãy đăng nhập để gắn phản ánh, kiến nghị với hồ sơ của bạn; hoặc ghi mã hồ sơ trong nội dung.");
                dossier = await db.Dossiers.AsNoTracking().Where(CitizenDossiers.OwnedBy(account)).SingleOrDefaultAsync(d => d.Code == code, ct)
                          ?? throw new DomainException($"Không tìm thấy hồ sơ {code} trong hồ sơ của bạn.");
            }
            var previous = await PreviousAsync(request.RaisedAgainCode, p =>
                (account is not null && p.CitizenAccountId == account.Id)
                || (PersonalData.NormalizePhone(Text.NormalizeOrNull(phone)) is { } tel && p.SenderPhone == tel)
                || (Text.NormalizeOrNull(email) is { } mail && p.SenderEmail == mail), ct);
            var (unitId, unitName) = await UnitOfAsync(request.Unit, dossier, previous, null, ct);
            var intakeFacts = new FeedbackItem.Intake(FeedbackChannel.Portal, request.Category ?? (FeedbackCategory)(-1), request.Title, request.Content,
                account?.Id, name, phone, email, request.SenderAddress, account?.PersonalIdNumber,
                unitId, unitName, dossier?.Id, dossier?.Code, await ProcedureAsync(request.ProcedureCode, ct), previous?.Id);
            return await SaveAsync(intakeFacts, actor, files, requestBase, ct);
        }

        /// <summary>By an official of the unit, for an item that came by the hotline, a letter or in person.</summary>
        public async Task<Receipt> RecordAsync(RecordRequest request, IReadOnlyList<IFormFile> files, string? requestBase, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var actor = actions.ActorFor(FeedbackWorkflow.RecordRoles, "ghi nhận phản ánh, kiến nghị");
            if (request.Channel is not { } channel || channel == FeedbackChannel.Portal || !Enum.IsDefined(channel))
                throw new DomainException("Hãy chọn kênh tiếp nhận: Tổng đài 1022, thư/văn bản hoặc trực tiếp.");
            var r = request.Item ?? throw new DomainException("Hãy nhập nội dung phản ánh, kiến nghị.");
            var scope = await actions.ScopeAsync(ct);
            Dossier? dossier = null;
            if (CitizenDossiers.NormalizeCode(r.DossierCode) is { } code)
            {
                dossier = await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, ct);
                if (dossier is null || !DossierActions.InScope(dossier, scope))
                    throw new DomainException($"Không tìm thấy hồ sơ {code} trong các hồ sơ của đơn vị.");
            }
            var previous = await PreviousAsync(r.RaisedAgainCode, p => scope.Contains(p.UnitId), ct);
            var own = await units.AdministrativeUnitOfAsync(user.UnitId!.Value, ct);
            var (unitId, unitName) = await UnitOfAsync(r.Unit, dossier, previous, own, ct);
            if (!scope.Contains(unitId)) throw new DomainException("Chỉ ghi nhận được phản ánh, kiến nghị gửi đơn vị của bạn hoặc các đơn vị trực thuộc.");
            var facts = new FeedbackItem.Intake(channel, r.Category ?? (FeedbackCategory)(-1), r.Title, r.Content,
                null, r.SenderName, r.SenderPhone, r.SenderEmail, r.SenderAddress, dossier?.Applicant.IdNumber,
                unitId, unitName, dossier?.Id, dossier?.Code, await ProcedureAsync(r.ProcedureCode, ct), previous?.Id);
            return await SaveAsync(facts, actor, files, requestBase, ct);
        }

        private async Task<Receipt> SaveAsync(FeedbackItem.Intake facts, Actor actor, IReadOnlyList<IFormFile> files, string? requestBase, CancellationToken ct)
        {
            if (files.Count > MaxFiles) throw new DomainException($"Mỗi phản ánh, kiến nghị gửi kèm tối đa {MaxFiles} tệp.");
            var now = clock.GetUtcNow().UtcDateTime;
            var deadlines = await actions.DeadlinesAsync(now, ct);
            var (item, key) = FeedbackItem.Receive(facts, actor, deadlines, now);
            // The bytes are written first; the rows pointing to them are saved with the item, or the bytes removed.
            await using var batch = intake.Begin(db);
            foreach (var file in files) item.Attach(await batch.AcceptAsync(file, now, ct));
            db.Add(item);
            var followUrl = notices.FollowUrl(item.Code, key, requestBase);
            notices.QueueReceipt(db, item, followUrl, now);
            await db.SaveChangesAsync(ct);
            batch.Committed();
            return new Receipt(item.Id, item.Code, key, followUrl, item.UnitName, VietnamTime.Format(item.ReceivedAtUtc), VietnamTime.Format(item.AnswerDueUtc));
        }

        /// <summary>The earlier item this one raises again, if the sender may name it (theirs, or within the official's units).</summary>
        private async Task<FeedbackItem?> PreviousAsync(string? code, Func<FeedbackItem, bool> mayName, CancellationToken ct)
        {
            var wanted = Text.NormalizeOrNull(code)?.ToUpperInvariant();
            if (wanted is null) return null;
            var previous = wanted.Length <= 20 ? await db.Set<FeedbackItem>().AsNoTracking().SingleOrDefaultAsync(f => f.Code == wanted, ct) : null;
            return previous is not null && mayName(previous)
                ? previous
                : throw new DomainException($"Không tìm thấy phản ánh, kiến nghị {wanted} đã gửi trước đây (kiểm tra lại mã; phản ánh trước phải do chính bạn gửi).");
        }

        /// <summary>The unit of the dossier it is about, else the one chosen, else the earlier item's, else the official's.</summary>
        private async Task<(Guid Id, string Name)> UnitOfAsync(string? agencyCode, Dossier? dossier, FeedbackItem? previous, UnitTree.Node? fallback, CancellationToken ct)
        {
            if (dossier is not null)
            {
                var competent = await units.AdministrativeUnitOfAsync(dossier.CompetentUnitId, ct);
                return (competent.Id, competent.Name);
            }
            if (Text.NormalizeOrNull(agencyCode) is { } wanted)
            {
                var unit = await db.Units.AsNoTracking().Where(u => u.AgencyCode == wanted).Select(u => new { u.Id }).SingleOrDefaultAsync(ct)
                           ?? throw new DomainException($"Không tìm thấy cơ quan có mã {wanted}.");
                var node = await units.AdministrativeUnitOfAsync(unit.Id, ct);
                return (node.Id, node.Name);
            }
            if (previous is not null) return (previous.UnitId, previous.UnitName);
            if (fallback is not null) return (fallback.Id, fallback.Name);
            throw new DomainException("Hãy chọn cơ quan nhận phản ánh, kiến nghị.");
        }

        private async Task<Guid?> ProcedureAsync(string? code, CancellationToken ct)
        {
            var wanted = Text.NormalizeOrNull(code);
            if (wanted is null) return null;
            return await db.Procedures.AsNoTracking().Where(p => p.Code == wanted).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct)
                   ?? throw new DomainException($"Không tìm thấy thủ tục hành chính có mã {wanted}.");
        }
    }
}
