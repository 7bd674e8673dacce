using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Foerderworkflow.Engine.Persistence.Model.Configurations;

internal sealed class InstanceRowConfiguration : IEntityTypeConfiguration<InstanceRow>
{
    public void Configure(EntityTypeBuilder<InstanceRow> builder)
    {
        builder.ToTable("workflow_instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Status).HasConversion<string>();

        // Writes go through BurstCommitPlan's guarded UPDATE; EF only reads this table.
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.DefinitionId, i.CreatedAt }).HasDatabaseName("ix_workflow_instances_definition");
        builder.HasIndex(i => new { i.Status, i.CreatedAt }).HasDatabaseName("ix_workflow_instances_status");
        builder.HasIndex(i => i.CorrelationId).HasDatabaseName("ix_workflow_instances_correlation");
        builder.HasIndex(i => i.CreatedAt).HasDatabaseName("ix_workflow_instances_created");
    }
}
