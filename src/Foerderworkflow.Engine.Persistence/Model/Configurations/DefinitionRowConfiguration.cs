using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Foerderworkflow.Engine.Persistence.Model.Configurations;

internal sealed class DefinitionRowConfiguration : IEntityTypeConfiguration<DefinitionRow>
{
    public void Configure(EntityTypeBuilder<DefinitionRow> builder)
    {
        builder.ToTable("workflow_definitions");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique().HasDatabaseName("ux_workflow_definitions_definition_version");
        builder.HasIndex(d => new { d.IsLatest, d.DefinitionId }).HasDatabaseName("ix_workflow_definitions_latest");
        builder.Property(d => d.Id).ValueGeneratedNever();
    }
}
