using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.Signatures;

/// <summary>What the signatures of a stored PDF were worth when it was stored (docs/adr/0033a): the worst status of its
/// signatures, and the newest signer, issuer and time, as the pages show them. A PDF without signatures has no row.</summary>
public sealed class FileSignature
{
    private FileSignature() { }

    internal FileSignature(Guid storedFileId, VerificationResult result, DateTime checkedAtUtc)
    {
        StoredFileId = storedFileId;
        Apply(result, checkedAtUtc);
    }

    public Guid StoredFileId { get; private set; }
    public SignatureStatus Status { get; private set; }
    public int Count { get; private set; }
    public string? SignerName { get; private set; }
    public string? Issuer { get; private set; }
    public DateTime? SignedAtUtc { get; private set; }
    public DateTime CheckedAtUtc { get; private set; }

    public string Label => Status.Label();

    private void Apply(VerificationResult result, DateTime checkedAtUtc)
    {
        Status = result.Status;
        Count = result.Signatures.Count;
        SignerName = Clip(result.Last?.SignerName, 200);
        Issuer = Clip(result.Last?.Issuer, 200);
        SignedAtUtc = result.Last?.SignedAt?.UtcDateTime;
        CheckedAtUtc = checkedAtUtc;
    }

    private static string? Clip(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

internal sealed class FileSignatureConfiguration : IEntityTypeConfiguration<FileSignature>
{
    public void Configure(EntityTypeBuilder<FileSignature> b)
    {
        b.HasKey(f => f.StoredFileId);
        b.HasOne<StoredFile>().WithOne().HasForeignKey<FileSignature>(f => f.StoredFileId).OnDelete(DeleteBehavior.Cascade);
        b.Property(f => f.SignerName).HasMaxLength(200);
        b.Property(f => f.Issuer).HasMaxLength(200);
        b.Ignore(f => f.Label);
    }
}

/// <summary>Every PDF stored, whoever stores it (a component at the desk or online, a supplement, a draft, a result, a
/// file of the citizen's store, a signed file), is verified in the save that adds its row (docs/adr/0029): the bytes are
/// written before the row, so they are read back here, and the outcome is saved with the file.</summary>
public sealed class FileSignatureInterceptor(FileStore store, SignatureVerifier verifier, TimeProvider clock) : SaveChangesInterceptor
{
    public const string Pdf = "application/pdf";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) VerifyAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await VerifyAsync(db, cancellationToken);
        return result;
    }

    private async Task VerifyAsync(DbContext db, CancellationToken ct)
    {
        var added = db.ChangeTracker.Entries<StoredFile>()
            .Where(e => e.State == EntityState.Added && e.Entity.ContentType == Pdf)
            .Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        var known = db.ChangeTracker.Entries<FileSignature>().Select(e => e.Entity.StoredFileId).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var file in added.Where(f => !known.Contains(f.Id)))
        {
            byte[] bytes;
            try
            {
                await using var content = store.OpenRead(file);
                bytes = new byte[file.Length];
                await content.ReadExactlyAsync(bytes, ct);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Verifying is a fact about the file, not a condition of storing its row: a file the store cannot read
                // here is left unverified (no status shown) rather than failing the save of what the user did.
                continue;
            }
            var result = await verifier.VerifyAsync(bytes, ct);
            if (result.Signatures.Count > 0) db.Add(new FileSignature(file.Id, result, now));
        }
    }
}

/// <summary>The signature status of files, for the pages that list them.</summary>
public static class FileSignatures
{
    public static async Task<IReadOnlyDictionary<Guid, FileSignature>> ForAsync(AppDbContext db, IEnumerable<Guid?> storedFileIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = storedFileIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, FileSignature>();
        return await db.Set<FileSignature>().AsNoTracking().Where(f => ids.Contains(f.StoredFileId)).ToDictionaryAsync(f => f.StoredFileId, ct);
    }
}
