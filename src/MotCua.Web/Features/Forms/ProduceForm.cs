using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Reports;
using MotCua.Web.Infrastructure;
using MotCua.Web.Infrastructure.Jobs;

namespace MotCua.Web.Features.Forms;

/// <summary>The job that files an event's form as a PDF of the dossier (queued by <see cref="FormFilingInterceptor"/>
/// in the event's save). It builds the same view the form's page shows, from the committed dossier, writes the PDF
/// (bytes first, docs/adr/0021), and adds a <see cref="DossierFile"/> of purpose <see cref="DossierFilePurpose.Form"/>
/// that names the form and the history entry — the file a later signature (PAdES) will sign. Idempotent: a document
/// already filed for the entry (an earlier attempt, or the desk's signed withdrawal request) is left as it is.</summary>
public sealed partial class ProduceForm(
    AppDbContext db, FormAccess access, FileIntake intake, TimeProvider clock, IServiceProvider services,
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
        var now = clock.GetUtcNow().UtcDateTime;
        await using var batch = intake.Begin(db);
        var name = FileName(p.Form, dossier.Code ?? dossier.LookupCode);
        var stored = await batch.SaveAsync(new MemoryStream(pdf), name, FormPdf.ContentType, now, ct);
        dossier.FileProducedForm(p.Form, p.Sequence, stored.Id, stored.FileName, now);
        await db.SaveChangesAsync(ct);
        batch.Committed();
        LogFiled(p.Form, p.DossierId, pdf.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier {DossierId}: {Form} for history entry {Sequence} no longer applies; nothing filed.")]
    private partial void LogNotApplicable(Guid dossierId, DossierForm form, int sequence);
}
