using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Reception;

/// <summary>An online submission as the desk official checks it: the dossier, its e-form read with the labels
/// of the version it was submitted under, and how much of the time to answer is left.</summary>
public static class GetOnlineReception
{
    public sealed record FormValue(string Label, string Value);

    /// <param name="AnswerByUtc">When a missing or wrong dossier must be answered (null once it is no longer waiting).</param>
    /// <param name="WorkingTimeLeft">Working time until <paramref name="AnswerByUtc"/>; negative when overdue.</param>
    public sealed record View(GetDossier.View Dossier, IReadOnlyList<FormValue> Form, IReadOnlyList<ComponentRequirement> Requirements,
        DateTime? AnswerByUtc, TimeSpan? WorkingTimeLeft)
    {
        public bool AwaitingReception => Dossier.Status == (int)DossierStatus.Submitted;

        /// <summary>The e-form is this component of an online dossier (the declaration), so no file is expected for it.</summary>
        public bool MadeFromEForm(ComponentRequirement requirement) =>
            requirement.FilledByEForm && Dossier.Channel == (int)Channel.Online;
    }

    public sealed class Handler(GetDossier.Handler dossiers, AppDbContext db, CalendarService calendars, TimeProvider clock, IOptions<ReceptionOptions> options)
    {
        public async Task<View?> HandleAsync(Guid id, CancellationToken ct)
        {
            var dossier = await dossiers.HandleAsync(id, ct);
            if (dossier is null) return null;
            var content = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId).Select(v => v.Content).SingleAsync(ct);

            DateTime? answerBy = null;
            TimeSpan? left = null;
            if (dossier.Status == (int)DossierStatus.Submitted && dossier.SubmittedAtUtc is { } submitted)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var calendar = await calendars.GetAsync(
                    Math.Min(VietnamTime.ToLocal(submitted).Year, VietnamTime.ToLocal(now).Year), VietnamTime.ToLocal(now).Year + 1, ct);
                // Same rule as the "awaiting reception" list: counted in working hours from the first working
                // instant after submission.
                answerBy = calendar.AddWorkingTime(calendar.ClockStart(submitted, null), TimeSpan.FromHours(options.Value.AnswerWithinWorkingHours));
                left = now <= answerBy
                    ? calendar.WorkingTimeBetween(now, answerBy.Value, [])
                    : -calendar.WorkingTimeBetween(answerBy.Value, now, []);
            }
            return new View(dossier, ReadForm(dossier.FormData, content.FormFields), content.Components, answerBy, left);
        }
    }

    /// <summary>The submitted e-form as label/value lines: the version's fields in their order, then any key the
    /// version does not know (kept visible rather than silently dropped).</summary>
    public static IReadOnlyList<FormValue> ReadForm(string? formData, IReadOnlyList<EFormField> fields)
    {
        if (string.IsNullOrWhiteSpace(formData)) return [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(formData);
        }
        catch (JsonException)
        {
            return [new FormValue("Dữ liệu biểu mẫu", formData)];
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return [new FormValue("Dữ liệu biểu mẫu", formData)];
            var values = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
            var lines = new List<FormValue>();
            foreach (var field in fields)
                if (values.Remove(field.Key, out var value))
                    lines.Add(new FormValue(field.Label, Format(value, field.Type)));
            lines.AddRange(values.Select(v => new FormValue(v.Key, Format(v.Value, EFormFieldType.Text))));
            return lines;
        }
    }

    private static string Format(JsonElement value, EFormFieldType type) => value.ValueKind switch
    {
        JsonValueKind.True => "Có",
        JsonValueKind.False => "Không",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => FormatText(value.GetString() ?? "", type),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(e => Format(e, EFormFieldType.Text))),
        _ => value.GetRawText(),
    };

    private static string FormatText(string text, EFormFieldType type) => type switch
    {
        EFormFieldType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
            date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        EFormFieldType.Checkbox when bool.TryParse(text, out var yes) => yes ? "Có" : "Không",
        _ => text,
    };
}
