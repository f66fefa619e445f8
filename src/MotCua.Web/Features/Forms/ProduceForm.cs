using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Reports;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Forms;

/// <summary>The job that files an event's form as a PDF of the dossier (queued by <see cref="FormFilingInterceptor"/>
/// in the event's save). It builds the same view the form's page shows, from the committed dossier, writes the PDF
/// (bytes first, docs/adr/0021), and adds a <see cref="DossierFile"/> of purpose <see cref="DossierFilePurpose.Form"/>
/// that names the form and the history entry. The forms an official signs (01, 02, 03, 04, 05) are stamped with the
/// unit's seal in the name of the official of the event (PAdES, docs/adr/0034b); with no key to sign with, the form is
/// filed unsigned and a warning logged. Idempotent: a document already filed for the entry (an earlier attempt, or the
/// desk's signed withdrawal request) is left as it is.</summary>
public sealed partial class ProduceForm(
    AppDbContext db, FormAccess access, FileIntake intake, TimeProvider clock, IServiceProvider services, IDocumentSigner signer,
    IOptions<FormsOptions> options, IOptions<ReportsOptions> fonts, ILogger<ProduceForm> logger) : IJobHandler
{
    public const string Kind = "forms.produce";

    /// <param name="BaseUrl">The address the official's request came in on, for the receipt's QR code when
    /// Forms:PublicBaseUrl is not set.</param>
    public sealed record Payload(Guid DossierId, DossierForm Form, int Sequence, string? BaseUrl);

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var p = job.ReadPayload<Payload>();
        // No fonts, no Vietnamese PDF: the job waits (retried with back-off) until an administrator installs them.
        if (NotoFonts.Prepare(fonts.Value.FontDirectory) is { } missing) throw new InvalidOperationException(missing);

        var dossier = await db.Dossiers.Include(d => d.Files).SingleOrDefaultAsync(d => d.Id == p.DossierId, ct);
        if (dossier is null) return;
        if (dossier.Files.Any(f => f.Form == p.Form && f.EventSequence == p.Sequence)) return;
        // The desk attached the applicant's signed request with the withdrawal: that paper is the document.
        if (p.Form == DossierForm.WithdrawalRequest && dossier.Files.Any(f => f.Form == DossierForm.WithdrawalRequest)) return;

        var started = Stopwatch.GetTimestamp();
        var pdf = await WriteAsync(p, ct);
        if (pdf is null)
        {
            // The form no longer applies (the event was undone by data repair): nothing to file, nothing to retry.
            LogNotApplicable(p.DossierId, p.Form, p.Sequence);
            return;
        }
        if (IsSigned(p.Form)) pdf = await SealAsync(pdf, dossier, p, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var batch = intake.Begin(db);
        var name = FileName(p.Form, dossier.Code ?? dossier.LookupCode);
        var stored = await batch.SaveAsync(new MemoryStream(pdf), name, FormPdf.ContentType, now, ct);
        dossier.FileProducedForm(p.Form, p.Sequence, stored.Id, stored.FileName, now);
        await db.SaveChangesAsync(ct);
        batch.Committed();
        LogFiled(p.Form, p.DossierId, pdf.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The forms that bear the signature of the official who acted (and the unit's seal) under Circular 03/2025;
    /// the withdrawal request is the applicant's, not the unit's.</summary>
    public static bool IsSigned(DossierForm form) =>
        form is DossierForm.Receipt or DossierForm.Supplement or DossierForm.Refusal or DossierForm.Apology or DossierForm.Stop;

    /// <summary>The form stamped with the seal of the unit of the event's official, in their name. A seal that cannot be
    /// had (none installed and no remote signing in Production, an expired certificate) leaves the form unsigned rather
    /// than the dossier without its form; a transient failure (the remote service down) fails the job, which is retried.</summary>
    private async Task<byte[]> SealAsync(byte[] pdf, Dossier dossier, Payload p, CancellationToken ct)
    {
        var entry = await db.DossierEvents.AsNoTracking().Where(e => e.DossierId == p.DossierId && e.Sequence == p.Sequence)
            .Select(e => new { e.ActorId, e.ActorName, e.UnitId }).SingleOrDefaultAsync(ct);
        var unitId = entry?.UnitId ?? dossier.ReceivingUnitId;
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var title = entry?.ActorId is { } actorId ? await db.Officials.AsNoTracking().Where(o => o.Id == actorId).Select(o => o.Title).FirstOrDefaultAsync(ct) : null;
        try
        {
            var signed = await signer.SignAsync(pdf, new SigningRequest(entry?.ActorId ?? Guid.Empty, entry?.ActorName ?? unitName ?? "", title, unitName,
                $"{FileTitle(p.Form)} hồ sơ {dossier.Code ?? dossier.LookupCode}", SealOfUnitId: unitId), ct);
            return signed.Pdf;
        }
        catch (DomainException e)
        {
            LogUnsigned(p.Form, p.DossierId, e.Message);
            return pdf;
        }
    }

    private static string FileTitle(DossierForm form) => form switch
    {
        DossierForm.Receipt => "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)",
        DossierForm.Supplement => "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
        DossierForm.Refusal => "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)",
        DossierForm.Apology => "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
        DossierForm.Stop => "Phiếu dừng giải quyết hồ sơ (Mẫu 05)",
        _ => "Đơn đề nghị rút hồ sơ",
    };

    /// <summary>"mau-03-tu-choi-tiep-nhan-H40.12-261117-0001.pdf".</summary>
    public static string FileName(DossierForm form, string code) => form switch
    {
        DossierForm.Receipt => $"mau-01-giay-tiep-nhan-{code}.pdf",
        DossierForm.Supplement => $"mau-02-yeu-cau-bo-sung-{code}.pdf",
        DossierForm.Refusal => $"mau-03-tu-choi-tiep-nhan-{code}.pdf",
        DossierForm.Apology => $"mau-04-xin-loi-hen-lai-{code}.pdf",
        DossierForm.Stop => $"mau-05-dung-giai-quyet-{code}.pdf",
        _ => $"don-de-nghi-rut-ho-so-{code}.pdf",
    };

    private async Task<byte[]?> WriteAsync(Payload p, CancellationToken ct)
    {
        access.AllUnits = true;
        var id = p.DossierId;
        return p.Form switch
        {
            DossierForm.Receipt => (await Builder<ReceiptForm.Builder>().BuildAsync(id, BaseUrl(p), ct)).Form is { } v ? ReceiptForm.Pdf(v) : null,
            DossierForm.Supplement => (await Builder<SupplementForm.Builder>().BuildAsync(id, ct)).Form is { } v ? SupplementForm.Pdf(v) : null,
            DossierForm.Refusal => (await Builder<RefusalForm.Builder>().BuildAsync(id, ct)).Form is { } v ? RefusalForm.Pdf(v) : null,
            DossierForm.Apology => (await Builder<ApologyForm.Builder>().BuildAsync(id, ct)).Form is { } v ? ApologyForm.Pdf(v) : null,
            DossierForm.Stop => (await Builder<StopForm.Builder>().BuildAsync(id, ct)).Form is { } v ? StopForm.Pdf(v) : null,
            DossierForm.WithdrawalRequest => (await Builder<WithdrawalRequestForm.Builder>().BuildAsync(id, ct)).Form is { } v ? WithdrawalRequestForm.Pdf(v) : null,
            _ => throw new JobPermanentFailureException($"No form is filed for {p.Form}."),
        };
    }

    private T Builder<T>() where T : notnull => services.GetRequiredService<T>();

    private Uri BaseUrl(Payload p) =>
        options.Value.PublicBaseUrl ?? (Uri.TryCreate(p.BaseUrl, UriKind.Absolute, out var u) ? u : new Uri("http://localhost/"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Filed {Form} of dossier {DossierId} as a PDF of {Bytes} bytes in {Milliseconds:0} ms.")]
    private partial void LogFiled(DossierForm form, Guid dossierId, int bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Filed {Form} of dossier {DossierId} unsigned: {Reason}")]
    private partial void LogUnsigned(DossierForm form, Guid dossierId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier {DossierId}: {Form} for history entry {Sequence} no longer applies; nothing filed.")]
    private partial void LogNotApplicable(Guid dossierId, DossierForm form, int sequence);
}
