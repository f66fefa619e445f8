using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>The desk page's reception: receives the dossier and digitizes its paper components in one request
/// and one transaction. Done in two steps (receive, then scan), a refused scan would leave a received dossier
/// without the files the official believes were attached; here a bad scan refuses the whole reception and
/// nothing is saved, so the official fixes the scan and receives again.</summary>
public static class ReceiveAtDesk
{
    /// <summary>The scanned pages of one component, by its requirement code.</summary>
    public sealed record Scan(string RequirementCode, IReadOnlyList<IFormFile> Pages);

    public sealed class Handler(
        AppDbContext db, IntakeBuilder intakes, DossierCodeGenerator codes, CalendarService calendars, FileIntake files, TimeProvider clock)
    {
        /// <summary>Receives, or returns the dossier already received under the same <paramref name="receptionKey"/>
        /// (the key the page rendered into the form: a double click or a resent form receives once).</summary>
        public async Task<Dossier> HandleAsync(ReceiveInPerson.Request request, IReadOnlyList<Scan> scans, Actor actor, CancellationToken ct,
            string? receptionKey = null)
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(scans);
            if (actor.UnitId is not { } unitId) throw new DomainException("Tài khoản chưa được gắn với đơn vị.");
            if (request.Channel == Channel.Online)
                throw new DomainException("Kênh tiếp nhận tại quầy chỉ có thể là trực tiếp hoặc bưu chính.");
            var key = ReceptionKey.For(actor, receptionKey);
            // Before any file is written: a repeat stores nothing.
            if (key is { } k && await ReceptionKey.FindAsync(db, k, request, ct) is { } already) return already;
            var built = await intakes.BuildAsync(request.ProcedureCode, unitId, request.CompetentUnitId, request.Applicant, request.Components,
                request.Channel, request.Summary, null, request.Sets, request.Copies, request.PagesPerCopy, request.IdentityVerified, ct);
            var toAttach = Match(built, scans);

            var now = clock.GetUtcNow().UtcDateTime;
            var year = VietnamTime.ToLocal(now).Year;
            var calendar = await calendars.GetAsync(year, year + 1, ct);
            await using var batch = files.Begin(db);
            try
            {
                // Bytes first (each checked by content), rows after: a refused file stops everything before a
                // dossier number is taken.
                var attached = new List<(DossierComponent Component, StoredFile File)>();
                foreach (var (component, page) in toAttach)
                    attached.Add((component, await batch.AcceptAsync(page, now, ct)));

                // The counter row, the dossier and its files commit together: a failure gives the number back.
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var code = await codes.NextAsync(built.AgencyCode, now, ct);
                var dossier = Dossier.ReceiveInPerson(built.Intake, request.Channel, code, request.PostmarkAtUtc, calendar, actor, now, key);
                foreach (var (component, file) in attached)
                    dossier.AttachComponentFile(component.Id, file.Id, file.FileName, scannedFromPaper: true, actor, now);
                db.Dossiers.Add(dossier);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                batch.Committed();
                return dossier;
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException) when (key is { } racing)
            {
                // The same form, sent twice at once, was received by the other request (the unique key decided);
                // this one's scans are deleted with the batch.
                db.ChangeTracker.Clear();
                var existing = await ReceptionKey.FindAsync(db, racing, request, ct);
                if (existing is null) throw;
                return existing;
            }
        }

        /// <summary>Pairs each scanned page with the component it belongs to, refusing scans the dossier cannot hold.</summary>
        private static List<(DossierComponent Component, IFormFile Page)> Match(IntakeBuilder.Built built, IReadOnlyList<Scan> scans)
        {
            var requirements = built.Version.Content.Components.ToDictionary(c => c.Code);
            var result = new List<(DossierComponent, IFormFile)>();
            foreach (var scan in scans.Where(s => s.Pages.Count > 0))
            {
                if (!requirements.TryGetValue(scan.RequirementCode, out var requirement))
                    throw new DomainException($"Thành phần hồ sơ không thuộc thủ tục: {scan.RequirementCode}.");
                // Papers only shown for comparison are not kept, so not digitized (Circular 01/2023).
                if (requirement.Form == ComponentForm.OriginalToShow)
                    throw new DomainException($"\"{requirement.Name}\" chỉ xuất trình để đối chiếu, không lưu bản quét; hãy bỏ tệp đã chọn cho thành phần này.");
                var component = built.Intake.Components.FirstOrDefault(c => c.RequirementCode == scan.RequirementCode)
                                ?? throw new DomainException($"Đã chọn bản quét cho \"{requirement.Name}\" nhưng chưa đánh dấu \"Đã nhận\" thành phần này.");
                result.AddRange(scan.Pages.Select(p => (component, p)));
            }
            return result;
        }
    }
}
