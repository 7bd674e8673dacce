using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence.Model;

/// <summary>
/// The store's model, shared by both providers. The schema itself comes from the versioned scripts under
/// <c>Schema/</c>; this model must match them (the store tests exercise every column on both databases).
/// </summary>
internal sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();
    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();
    public DbSet<TimerRow> Timers => Set<TimerRow>();
    public DbSet<JournalRow> Journal => Set<JournalRow>();
    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no time type: fixed-width UTC ISO-8601 text sorts and compares chronologically, so due-timer
            // queries and ORDER BY run in the database, and the value round-trips exactly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                builder.Append(name[i]);
            }
        }

        return builder.ToString();
    }
}
