using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Foerderworkflow.Engine.Persistence.Model.Configurations;

internal sealed class JournalRowConfiguration : IEntityTypeConfiguration<JournalRow>
{
    public void Configure(EntityTypeBuilder<JournalRow> builder)
    {
        builder.ToTable("workflow_journal");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedOnAdd();
        builder.HasIndex(j => j.InstanceId).HasDatabaseName("ix_workflow_journal_instance");
    }
}
