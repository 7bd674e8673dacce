using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Foerderworkflow.Engine.Persistence.Model.Configurations;

internal sealed class TimerRowConfiguration : IEntityTypeConfiguration<TimerRow>
{
    public void Configure(EntityTypeBuilder<TimerRow> builder)
    {
        builder.ToTable("workflow_timers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasIndex(t => t.DueAt).HasDatabaseName("ix_workflow_timers_due_at");
        builder.HasIndex(t => t.BookmarkId).HasDatabaseName("ix_workflow_timers_bookmark");
    }
}
