using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Exchange;

/// <summary>POST /api/dossiers/import: sync records of another system (or of the national portal) become dossiers of
/// the importing official's units (ADR 0030b). Read as a stream, validated one by one, saved in batches of
/// <see cref="BatchSize"/> records per transaction on a fresh DbContext, so a file of a million records runs in constant
/// memory. Each record is applied whole or not at all and answers for itself: a bad record is rejected with its
/// reasons and the others go on. Idempotent by MaHoSo: the same content again changes nothing, new content of an
/// imported dossier updates it, and a dossier handled here is never overwritten.</summary>
public static partial class ImportDossiers
{
    public const int BatchSize = 250;
    /// <summary>The answer lists this many rejected records; the count covers them all.</summary>
    public const int RejectedListed = 1000;

    public sealed record Rejection(long Index, string? MaHoSo, IReadOnlyList<string> Errors);

    /// <param name="RejectedCount">Every rejected record, listed or not (the list stops at <see cref="RejectedListed"/>).</param>
    public sealed record Result(Guid Id, long Imported, long Updated, long Unchanged, long RejectedCount, IReadOnlyList<Rejection> Rejected);

    [GeneratedRegex(@"^(?<agency>[0-9A-Z.]+)-(?<day>\d{6})-(?<n>\d{4,9})$")]
    private static partial Regex CodeFormat();

    public sealed class Handler(IServiceScopeFactory scopes, AppDbContext db, CurrentUser user, UnitTree units, TimeProvider clock,
        ImportProgress progress, ILogger<Handler> log)
    {
        /// <summary>Null when <paramref name="importId"/> is already taken by another import.</summary>
        public async Task<Result?> HandleAsync(IAsyncEnumerable<ReadRecord> records, Guid importId, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(records);
            var role = user.IsInRole(OfficialRole.Administrator) ? OfficialRole.Administrator : OfficialRole.StatisticsOffice;
            var actor = user.As(role);
            var scope = user.UnitId is { } unitId ? await units.ScopeOfAsync(unitId, ct) : [];
            var lookups = await ImportLookups.LoadAsync(db, scope, ct);
            if (!await progress.StartAsync(new ImportRun(importId, user.Id, actor.Name, user.UnitId, clock.GetUtcNow().UtcDateTime), ct)) return null;
            var counters = new ImportCounters(importId);
            var run = new Run(counters);
            var complete = false;
            try
            {
                var batch = new List<Pending>(BatchSize);
                var codesInBatch = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var read in records.WithCancellation(ct))
                {
                    counters.CountRead();
                    // A long run of rejected records saves no batch: the row still moves.
                    if (counters.Read - counters.WrittenAtRead >= BatchSize) await progress.SaveAsync(counters, ct);
                    if (read.Record is null)
                    {
                        run.Reject(read.Index, null, [read.Error ?? "Bản ghi không đọc được."]);
                        continue;
                    }
                    var outcome = RecordValidation.Validate(read.Record, lookups, clock.GetUtcNow().UtcDateTime);
                    if (outcome.Record is not { } record)
                    {
                        run.Reject(read.Index, read.Record.MaHoSo, outcome.Errors);
                        continue;
                    }
                    // The same code twice in a file: the later record is applied after the earlier one, as an update.
                    if (!codesInBatch.Add(record.Code))
                    {
                        await FlushAsync(batch, actor, scope, run, ct);
                        codesInBatch.Clear();
                        codesInBatch.Add(record.Code);
                    }
                    batch.Add(new Pending(read.Index, record));
                    if (batch.Count >= BatchSize)
                    {
                        await FlushAsync(batch, actor, scope, run, ct);
                        codesInBatch.Clear();
                    }
                }
                await FlushAsync(batch, actor, scope, run, ct);
                complete = true;
            }
            finally
            {
                await progress.FinishAsync(counters, complete);
            }
            log.LogInformation("Import {ImportId} by {Official}: {Imported} imported, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected.",
                importId, actor.Name, counters.Imported, counters.Updated, counters.Unchanged, counters.Rejected);
            return new Result(importId, counters.Imported, counters.Updated, counters.Unchanged, counters.Rejected, run.Listed);
        }

        private sealed record Pending(long Index, Dossier.ImportedRecord Record);

        private sealed class Run(ImportCounters counters)
        {
            public List<Rejection> Listed { get; } = [];
            public ImportCounters Counters => counters;

            public void Reject(long index, string? code, IReadOnlyList<string> errors)
            {
                if (Listed.Count < RejectedListed) Listed.Add(new Rejection(index, code, errors));
                counters.Add(0, 0, 0, 1);
            }
        }

        /// <summary>Saves a batch in one transaction. Should it fail (another import of the same codes committed first,
        /// a dossier changed meanwhile), it is tried again on a fresh context, which then finds those dossiers; should it
        /// fail again, each record is tried on its own, so one record the database refuses rejects only itself.</summary>
        private async Task FlushAsync(List<Pending> batch, Actor actor, IReadOnlySet<Guid> scope, Run run, CancellationToken ct)
        {
            if (batch.Count == 0) return;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (imported, updated, unchanged, rejected) = await SaveAsync(batch, actor, scope, ct);
                    run.Counters.Add(imported, updated, unchanged, 0);
                    foreach (var r in rejected) run.Reject(r.Index, r.MaHoSo, r.Errors);
                    batch.Clear();
                    await progress.SaveAsync(run.Counters, ct);
                    return;
                }
                catch (DbUpdateException e) when (attempt < 3 || batch.Count > 1)
                {
                    if (attempt < 3)
                    {
                        log.LogInformation(e, "Import batch of {Count} records conflicted; trying again.", batch.Count);
                        continue;
                    }
                    foreach (var one in batch.ToList()) await FlushOneAsync(one, actor, scope, run, ct);
                    batch.Clear();
                    await progress.SaveAsync(run.Counters, ct);
                    return;
                }
            }
        }

        private async Task FlushOneAsync(Pending one, Actor actor, IReadOnlySet<Guid> scope, Run run, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (imported, updated, unchanged, rejected) = await SaveAsync([one], actor, scope, ct);
                    run.Counters.Add(imported, updated, unchanged, 0);
                    foreach (var r in rejected) run.Reject(r.Index, r.MaHoSo, r.Errors);
                    return;
                }
                catch (DbUpdateException e)
                {
                    if (attempt < 3) continue;
                    log.LogWarning(e, "Import record {Code} refused by the database.", one.Record.Code);
                    run.Reject(one.Index, one.Record.Code, ["Cơ sở dữ liệu không lưu được bản ghi này; kiểm tra độ dài và giá trị các trường rồi gửi lại."]);
                    return;
                }
            }
        }

        private async Task<(long Imported, long Updated, long Unchanged, List<Rejection> Rejected)> SaveAsync(
            IReadOnlyList<Pending> batch, Actor actor, IReadOnlySet<Guid> scope, CancellationToken ct)
        {
            // A fresh context per batch: nothing tracked piles up over a million records.
            await using var serviceScope = scopes.CreateAsyncScope();
            var batchDb = serviceScope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await batchDb.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var codes = batch.Select(b => b.Record.Code).ToList();
            // One JSON parameter: as many parameters as codes had the provider rewrite a 250-item IN list on every batch.
            var existing = await batchDb.Dossiers.AsNoTracking().Where(d => EF.Parameter(codes).Contains(d.Code!))
                .Select(d => new { d.Id, Code = d.Code!, d.ImportedAtUtc, d.ImportDigest, d.CompetentUnitId })
                .ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, ct);
            long imported = 0, unchanged = 0;
            var rejected = new List<Rejection>();
            var updates = new Dictionary<Guid, Pending>();
            foreach (var p in batch.Where(p => existing.ContainsKey(p.Record.Code)))
            {
                var known = existing[p.Record.Code];
                if (known.ImportedAtUtc is null)
                    rejected.Add(new Rejection(p.Index, p.Record.Code,
                        [$"MaHoSo {p.Record.Code} là hồ sơ được tiếp nhận và giải quyết trên hệ thống này: không ghi đè bằng bản ghi đồng bộ."]));
                else if (!scope.Contains(known.CompetentUnitId))
                    rejected.Add(new Rejection(p.Index, p.Record.Code,
                        [$"MaHoSo {p.Record.Code} đã có trong hệ thống và thuộc đơn vị khác: không cập nhật được."]));
                else if (known.ImportDigest == p.Record.Digest) unchanged++;
                else updates[known.Id] = p;
            }
            foreach (var p in batch.Where(p => !existing.ContainsKey(p.Record.Code)))
            {
                batchDb.Dossiers.Add(Dossier.Import(p.Record, actor, now));
                imported++;
            }
            if (updates.Count > 0)
            {
                var ids = updates.Keys.ToList();
                var dossiers = await batchDb.Dossiers.AsSplitQuery()
                    .Include(d => d.History).Include(d => d.Components).Include(d => d.Files).Include(d => d.Supplements)
                    .Include(d => d.Results).Include(d => d.Steps)
                    .Where(d => ids.Contains(d.Id)).ToListAsync(ct);
                foreach (var d in dossiers) d.UpdateImported(updates[d.Id].Record, actor, now);
            }
            await batchDb.SaveChangesAsync(ct);
            await KeepCountersAheadAsync(batchDb, batch.Select(b => b.Record.Code), ct);
            await tx.CommitAsync(ct);
            return (imported, updates.Count, unchanged, rejected);
        }

        /// <summary>An imported code in this system's form takes its number from the agency's daily counter, so the
        /// counter moves past it: a dossier received here later that day never gets the same code.</summary>
        private static async Task KeepCountersAheadAsync(AppDbContext batchDb, IEnumerable<string> codes, CancellationToken ct)
        {
            var highest = new Dictionary<(string Agency, DateOnly Day), int>();
            foreach (var code in codes)
            {
                var m = CodeFormat().Match(code);
                if (!m.Success || m.Groups["agency"].Length > 20
                    || !DateOnly.TryParseExact(m.Groups["day"].Value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    || !int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) continue;
                var key = (m.Groups["agency"].Value, day);
                if (!highest.TryGetValue(key, out var seen) || n > seen) highest[key] = n;
            }
            if (highest.Count == 0) return;
            // One statement for the batch (a statement per agency and day was one round trip per record).
            var rows = new List<string>();
            var values = new List<object>();
            foreach (var ((agency, day), n) in highest)
            {
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"({{{values.Count}}}, {{{values.Count + 1}}}, {{{values.Count + 2}}})"));
                values.AddRange([agency, day, n]);
            }
#pragma warning disable EF1002 // only placeholders are put into the text; every value is a parameter
            await batchDb.Database.ExecuteSqlRawAsync($"""
                INSERT INTO "DossierCodeCounters" ("AgencyCode", "Day", "LastNumber") VALUES {string.Join(", ", rows)}
                ON CONFLICT ("AgencyCode", "Day") DO UPDATE SET "LastNumber" =
                    CASE WHEN "DossierCodeCounters"."LastNumber" < excluded."LastNumber" THEN excluded."LastNumber" ELSE "DossierCodeCounters"."LastNumber" END
                """, values, ct);
#pragma warning restore EF1002
        }
    }
}
