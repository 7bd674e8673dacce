using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Messaging.Tests.TestSupport;

/// <summary>A real SQLite workflow store in a temporary file, and commits that put contracts into its outbox.</summary>
public static class OutboxDatabase
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"fw-messaging-{Guid.NewGuid():N}.db");

    public static IServiceCollection AddTestWorkflowStore(this IServiceCollection services, string path) =>
        services.AddWorkflowStore(o => o.ConnectionString = $"Data Source={path}");

    public static void Delete(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Commits a new instance for <paramref name="correlationId"/> whose outbox holds <paramref name="contracts"/>, in order.</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> CommitAsync(IWorkflowStore store, string correlationId, params object[] contracts)
    {
        var instance = new WorkflowInstance
        {
            Id = $"instance-{Guid.NewGuid():N}",
            DefinitionId = "foerderantrag",
            DefinitionVersionId = "foerderantrag-v1",
            DefinitionVersion = 1,
            CorrelationId = correlationId,
            Status = WorkflowStatus.Suspended,
            CreatedAt = T0,
            UpdatedAt = T0,
        };
        var messages = contracts.Select(c => Message(instance.Id, correlationId, c.GetType().Name, JsonSerializer.SerializeToNode(c, c.GetType(), Web)!.AsObject())).ToList();
        await store.CommitAsync(new BurstCommit(instance, true, null, [], [], [], [], false, messages, []));
        return messages;
    }

    public static OutboxMessage Message(string instanceId, string? correlationId, string messageType, JsonObject payload) =>
        new(Guid.CreateVersion7().ToString("N"), instanceId, correlationId, messageType, payload, T0);
}
