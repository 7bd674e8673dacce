using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// Imports the shipped workflows (<c>workflows/*.json</c>, copied next to the server) at start-up: each file whose
/// definitionId is not stored yet is saved and published. A definition that exists in any version — imported
/// earlier, edited in Studio, retracted — is left alone, so an import never overwrites an existing or newer version.
/// </summary>
internal static partial class WorkflowImport
{
    /// <summary>Reads <c>Workflow:ImportDirectory</c> (default <c>workflows</c> beside the server) and <c>Workflow:ImportAtStartup</c> (default true).</summary>
    public static async Task ImportWorkflowsAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Workflow:ImportAtStartup", defaultValue: true))
        {
            return;
        }

        var directory = app.Configuration["Workflow:ImportDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, app.Environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "workflows");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkflowImport).FullName!);
        await ImportAsync(directory, app.Services.GetRequiredService<IWorkflowStore>(), app.Services.GetRequiredService<WorkflowDefinitionService>(), logger, app.Lifetime.ApplicationStopping);
    }

    /// <summary>Imports every <c>*.json</c> of <paramref name="directory"/> in name order; returns the definition ids it published.</summary>
    public static async Task<IReadOnlyList<string>> ImportAsync(string directory, IWorkflowStore store, WorkflowDefinitionService definitions, ILogger logger, CancellationToken cancellationToken)
    {
        var imported = new List<string>();
        if (!Directory.Exists(directory))
        {
            LogNoDirectory(logger, directory);
            return imported;
        }

        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var document = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
                ?? throw new JsonException($"{file} is not a JSON object.");
            var definitionId = document["definitionId"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(definitionId))
            {
                throw new JsonException($"{file} has no definitionId.");
            }

            if (await store.FindDefinitionAsync(definitionId, VersionSelector.Latest, cancellationToken) is { } existing)
            {
                LogSkipped(logger, definitionId, existing.Version);
                continue;
            }

            var published = await definitions.PublishAsync(document, cancellationToken);
            LogImported(logger, definitionId, published.Version, Path.GetFileName(file));
            imported.Add(definitionId);
        }

        return imported;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No workflows to import: {Directory} does not exist.")]
    private static partial void LogNoDirectory(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {DefinitionId} exists (latest version {Version}); not imported.")]
    private static partial void LogSkipped(ILogger logger, string definitionId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported and published workflow {DefinitionId} version {Version} from {File}.")]
    private static partial void LogImported(ILogger logger, string definitionId, int version, string file);
}
