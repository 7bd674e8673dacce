using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Foerderworkflow.Engine.Persistence.Model.Configurations;

internal sealed class OutboxRowConfiguration : IEntityTypeConfiguration<OutboxRow>
{
    public void Configure(EntityTypeBuilder<OutboxRow> builder)
    {
        builder.ToTable("workflow_outbox");
        builder.HasKey(o => o.Sequence);
        builder.Property(o => o.Sequence).ValueGeneratedOnAdd();
        builder.HasIndex(o => o.MessageId).IsUnique().HasDatabaseName("ux_workflow_outbox_message_id");
        builder.HasIndex(o => o.Sequence).HasFilter("sent_at IS NULL").HasDatabaseName("ix_workflow_outbox_pending");
    }
}
