using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Foerderworkflow.Engine.Persistence.Model.Configurations;

internal sealed class BookmarkRowConfiguration : IEntityTypeConfiguration<BookmarkRow>
{
    public void Configure(EntityTypeBuilder<BookmarkRow> builder)
    {
        builder.ToTable("workflow_bookmarks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasIndex(b => new { b.Name, b.Hash }).HasDatabaseName("ix_workflow_bookmarks_name_hash");
        builder.HasIndex(b => b.InstanceId).HasDatabaseName("ix_workflow_bookmarks_instance");
    }
}
