using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Audit;

/// <summary>The one place that writes the audit log. A use case calls <see cref="Record"/> before its own
/// <c>SaveChangesAsync</c> (inside its transaction when Identity saves several times), so the entry is committed
/// with the change or not at all. The actor comes from the request; outside one (the command line, demo data) from
/// <see cref="ActingAs"/>, else the system. Callers pass only what may be read by an administrator: never a
/// password, a token or a security stamp.</summary>
public sealed class AuditLog(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Vietnamese stays readable in the stored text.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    public const string CitizenRole = "Công dân";

    /// <summary>Who acts when there is no signed-in user: set by the command line to the operator's account.</summary>
    public Actor? ActingAs { get; set; }

    public static Actor CommandLine(string operatorName) => new(null, $"Dòng lệnh ({operatorName})", "Người vận hành máy chủ", null, null);

    /// <summary>Adds the entry to the unit of work; it is written by the caller's next save.</summary>
    public AuditEntry Record(AuditKind kind, string subjectType, string? subjectId, string description, object? before = null, object? after = null)
    {
        var entry = new AuditEntry(clock.GetUtcNow().UtcDateTime, CurrentActor(kind), kind, subjectType, subjectId, description,
            before is null ? null : JsonSerializer.Serialize(before, Json), after is null ? null : JsonSerializer.Serialize(after, Json));
        db.Add(entry);
        return entry;
    }

    /// <summary>A download is recorded and saved before the bytes go out: a file that leaves unrecorded is a
    /// disclosure nobody can answer for later, so a failure to record stops the download.</summary>
    public async Task RecordDownloadAsync(AuditKind kind, string subjectType, string subjectId, string description, object details, CancellationToken ct)
    {
        Record(kind, subjectType, subjectId, description, after: details);
        await db.SaveChangesAsync(ct);
    }

    private Actor CurrentActor(AuditKind kind)
    {
        if (!user.IsSignedIn) return ActingAs ?? Actor.System;
        if (!user.IsOfficial) return user.Describe(CitizenRole);
        // Administration is done under the administrator's role; anything else (a download) under every role the
        // official holds, since one request does not say which of them was used.
        var role = kind.IsAdministration()
            ? OfficialRole.Administrator.DisplayName()
            : string.Join(", ", user.Roles.Select(r => r.DisplayName()));
        return user.Describe(role);
    }
}
