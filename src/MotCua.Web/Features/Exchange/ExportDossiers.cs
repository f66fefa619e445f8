using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Exchange;

/// <summary>GET /api/dossiers/export: the dossiers a unit (and the units under it) settles, received in a period, as
/// sync records — a JSON array, or JSON lines. Written as it is read, a chunk of dossiers at a time, so a province's
/// year is never held in memory.</summary>
public static class ExportDossiers
{
    private const int ChunkSize = 200;
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>A unit (by agency code; the official's own when absent) and reception dates, Vietnam time, inclusive.</summary>
    public sealed record Query(Guid UnitId, DateOnly From, DateOnly To, bool Lines);

    public sealed class Handler(AppDbContext db, IServiceScopeFactory scopes, UnitTree units)
    {
        public async Task WriteAsync(Query query, Stream output, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentNullException.ThrowIfNull(output);
            var scope = await SubtreeAsync(query.UnitId, ct);
            var from = VietnamTime.ToUtc(query.From.ToDateTime(TimeOnly.MinValue));
            var to = VietnamTime.ToUtc(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
            // The period is the reception date (the scorecard's); a dossier never received counts by its submission.
            var ids = db.Dossiers.AsNoTracking()
                .Where(d => scope.Contains(d.CompetentUnitId))
                .Where(d => (d.ReceivedAtUtc >= from && d.ReceivedAtUtc < to) || (d.ReceivedAtUtc == null && d.SubmittedAtUtc >= from && d.SubmittedAtUtc < to))
                .OrderBy(d => d.Id)
                .Select(d => d.Id)
                .AsAsyncEnumerable();

            var procedures = new Dictionary<Guid, (string Code, string Name, string FieldCode, string FieldName)>();
            // Each chunk is written into memory and copied out asynchronously (the response refuses synchronous writes).
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SyncRecordJson.Options.Encoder, SkipValidation = true });
            if (!query.Lines) writer.WriteStartArray();
            var chunk = new List<Guid>(ChunkSize);
            await foreach (var id in ids.WithCancellation(ct))
            {
                chunk.Add(id);
                if (chunk.Count < ChunkSize) continue;
                await WriteChunkAsync(chunk, procedures, writer, buffer, output, query.Lines, ct);
                chunk.Clear();
            }
            if (chunk.Count > 0) await WriteChunkAsync(chunk, procedures, writer, buffer, output, query.Lines, ct);
            if (!query.Lines) writer.WriteEndArray();
            await FlushAsync(writer, buffer, output, ct);
        }

        private async Task<HashSet<Guid>> SubtreeAsync(Guid unitId, CancellationToken ct)
        {
            // The unit and everything under it (not its whole administrative unit: a department exports its own).
            var all = new HashSet<Guid>();
            var node = await units.FindAsync(unitId, ct);
            if (node is null) return all;
            var scope = await units.ScopeOfAsync(unitId, ct);
            foreach (var id in scope)
            {
                for (var n = await units.FindAsync(id, ct); n is not null; n = n.ParentId is { } p ? await units.FindAsync(p, ct) : null)
                {
                    if (n.Id != unitId) continue;
                    all.Add(id);
                    break;
                }
            }
            return all;
        }

        private async Task WriteChunkAsync(List<Guid> chunk, Dictionary<Guid, (string Code, string Name, string FieldCode, string FieldName)> procedures,
            Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, Stream output, bool lines, CancellationToken ct)
        {
            // Another context: the first is still reading the ids.
            await using var serviceScope = scopes.CreateAsyncScope();
            var chunkDb = serviceScope.ServiceProvider.GetRequiredService<AppDbContext>();
            var dossiers = await chunkDb.Dossiers.AsNoTracking().AsSplitQuery()
                .Include(d => d.History).Include(d => d.Components).Include(d => d.Files).Include(d => d.Supplements).Include(d => d.Results)
                .Where(d => chunk.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(ct);
            var missing = dossiers.Select(d => d.ProcedureVersionId).Where(v => !procedures.ContainsKey(v)).Distinct().ToList();
            if (missing.Count > 0)
            {
                var found = await (from v in chunkDb.ProcedureVersions.AsNoTracking()
                                   join p in chunkDb.Procedures.AsNoTracking() on v.ProcedureId equals p.Id
                                   where missing.Contains(v.Id)
                                   select new { v.Id, p.Code, v.Content }).ToListAsync(ct);
                foreach (var v in found) procedures[v.Id] = (v.Code, v.Content.Name, v.Content.FieldCode, v.Content.FieldName);
            }
            foreach (var d in dossiers)
            {
                var p = procedures[d.ProcedureVersionId];
                var competent = (await units.FindAsync(d.CompetentUnitId, ct))?.AgencyCode ?? "";
                var receiving = (await units.FindAsync(d.ReceivingUnitId, ct))?.AgencyCode;
                var record = SyncRecordMapping.From(d, new SyncRecordContext(p.Code, p.Name, p.FieldCode, p.FieldName, competent, receiving));
                JsonSerializer.Serialize(writer, record, SyncRecordJson.Options);
                if (!lines) continue;
                writer.Flush();
                buffer.Write(NewLine.Span);
                writer.Reset();
            }
            await FlushAsync(writer, buffer, output, ct);
        }
    }

    /// <summary>What is written so far goes out: the chunk's records leave memory before the next chunk is read.</summary>
    private static async Task FlushAsync(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, Stream output, CancellationToken ct)
    {
        writer.Flush();
        await output.WriteAsync(buffer.WrittenMemory, ct);
        buffer.ResetWrittenCount();
        await output.FlushAsync(ct);
    }

    public static string FileName(string unitCode, DateOnly from, DateOnly to, bool lines) =>
        string.Create(CultureInfo.InvariantCulture, $"ho-so-{unitCode}-{from:yyyyMMdd}-{to:yyyyMMdd}.{(lines ? "ndjson" : "json")}");
}
