using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Infrastructure;

/// <summary>A file's metadata; its bytes live in the file store under <see cref="StorageKey"/>. The bytes are
/// written before this row is saved, so an acknowledged file is never a dangling row.</summary>
public sealed class StoredFile
{
    private StoredFile() { FileName = null!; ContentType = null!; Sha256 = null!; StorageKey = null!; }

    public StoredFile(Guid id, string fileName, string contentType, long length, string sha256, string storageKey, DateTime createdAtUtc)
    {
        Id = id;
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        Sha256 = sha256;
        StorageKey = storageKey;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Length { get; private set; }
    public string Sha256 { get; private set; }
    public string StorageKey { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.Property(f => f.FileName).HasMaxLength(260);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.StorageKey).HasMaxLength(300);
    }
}
