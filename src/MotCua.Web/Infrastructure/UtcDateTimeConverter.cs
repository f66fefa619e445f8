using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MotCua.Web.Infrastructure;

/// <summary>All instants are UTC. SQLite hands back DateTime without a kind; this restores it, and PostgreSQL's
/// timestamptz refuses anything that is not marked UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
