using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Dossiers;

/// <summary>The last sequence number given by an agency on a (Vietnam-local) day.</summary>
public sealed class DossierCodeCounter
{
    public string AgencyCode { get; set; } = "";
    public DateOnly Day { get; set; }
    public int LastNumber { get; set; }
}

/// <summary>Mã hồ sơ: <c>&lt;agency code&gt;-&lt;YYMMDD&gt;-&lt;sequence of the day, ≥ 4 digits&gt;</c>.</summary>
public sealed class DossierCodeGenerator(AppDbContext db)
{
    /// <summary>Takes the next number with one atomic upsert. The row stays locked until the caller's
    /// transaction commits, so concurrent receptions on several nodes queue on it briefly instead of
    /// colliding, and a rolled-back reception gives its number back (no gaps, no duplicates). Call it inside
    /// the transaction that saves the dossier.</summary>
    public async Task<string> NextAsync(string agencyCode, DateTime receivedAtUtc, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(VietnamTime.ToLocal(receivedAtUtc));
        // The same statement runs on SQLite (≥ 3.35) and PostgreSQL.
        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO "DossierCodeCounters" ("AgencyCode", "Day", "LastNumber") VALUES ({agencyCode}, {day}, 1)
            ON CONFLICT ("AgencyCode", "Day") DO UPDATE SET "LastNumber" = "DossierCodeCounters"."LastNumber" + 1
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(ct);
        return Format(agencyCode, day, numbers[0]);
    }

    public static string Format(string agencyCode, DateOnly day, int number) =>
        $"{agencyCode}-{day.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{number.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>Eight characters without look-alikes (0/O, 1/I/L), printed on the receipt for public lookup.</summary>
    public static string NewLookupCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 8);
    }
}

internal sealed class DossierCodeCounterConfiguration : IEntityTypeConfiguration<DossierCodeCounter>
{
    public void Configure(EntityTypeBuilder<DossierCodeCounter> b)
    {
        b.HasKey(c => new { c.AgencyCode, c.Day });
        b.Property(c => c.AgencyCode).HasMaxLength(20);
    }
}
