using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api;

/// <summary>
/// Workflow definitions as Elsa 3 JSON: list, read, save a draft, publish, retract, list versions, revert.
/// (Elsa Studio's own API shape lives under <c>/elsa/api</c>; this is the plain operator API.)
/// </summary>
internal static class DefinitionEndpoints
{
    public static WebApplication MapDefinitionEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/workflow-definitions")
            .RequireAuthorization(Policies.WorkflowAdministration)
            .RequireJsonObjectBodies()
            .WithTags("Workflow definitions");

        group.MapGet("/", async (IWorkflowStore store, CancellationToken ct) =>
        {
            var latest = await store.ListLatestDefinitionsAsync(ct);
            return Results.Ok(latest.Select(DefinitionSummary.From));
        });

        group.MapGet("/{definitionId}", async (string definitionId, string? version, IWorkflowStore store, CancellationToken ct) =>
        {
            if (!TryParseSelector(version, out var selector))
            {
                return ApiProblems.Field("version", "Erlaubt sind 'latest' und 'published'.");
            }

            return await store.FindDefinitionAsync(definitionId, selector, ct) is { } definition
                ? Results.Text(definition.ToJson(), "application/json")
                : ApiProblems.NotFound($"Es gibt keinen Ablauf '{definitionId}'.");
        });

        group.MapGet("/{definitionId}/versions", async (string definitionId, IWorkflowStore store, CancellationToken ct) =>
        {
            var versions = await store.ListDefinitionVersionsAsync(definitionId, ct);
            return versions.Count == 0
                ? ApiProblems.NotFound($"Es gibt keinen Ablauf '{definitionId}'.")
                : Results.Ok(versions.Select(DefinitionSummary.From));
        });

        group.MapPost("/", async (JsonNode? body, WorkflowDefinitionService definitions, CancellationToken ct) =>
        {
            if (ValidateDocument(body) is { } problem)
            {
                return problem;
            }

            var saved = await definitions.SaveDraftAsync((JsonObject)body!, ct);
            return Results.Created($"/api/workflow-definitions/{saved.DefinitionId}", DefinitionSummary.From(saved));
        });

        group.MapPost("/{definitionId}/publish", async (string definitionId, WorkflowDefinitionService definitions, CancellationToken ct) =>
            Results.Ok(DefinitionSummary.From(await definitions.PublishLatestAsync(definitionId, ct))));

        group.MapPost("/{definitionId}/retract", async (string definitionId, WorkflowDefinitionService definitions, CancellationToken ct) =>
            Results.Ok(DefinitionSummary.From(await definitions.RetractAsync(definitionId, ct))));

        group.MapPost("/{definitionId}/versions/{version:int}/revert", async (string definitionId, int version, WorkflowDefinitionService definitions, CancellationToken ct) =>
            Results.Ok(DefinitionSummary.From(await definitions.RevertAsync(definitionId, version, ct))));

        return app;
    }

    private static bool TryParseSelector(string? text, out VersionSelector selector)
    {
        selector = VersionSelector.Latest;
        return text is null || Enum.TryParse(text, ignoreCase: true, out selector);
    }

    private static IResult? ValidateDocument(JsonNode? body)
    {
        if (body is not JsonObject document)
        {
            return ApiProblems.Field("body", "Erwartet wird eine Ablaufdefinition als JSON-Objekt.");
        }

        if (document["root"] is not JsonObject)
        {
            return ApiProblems.Field("root", "Die Ablaufdefinition braucht eine Wurzelaktivität 'root'.");
        }

        if (document["name"] is not JsonValue name || !name.TryGetValue(out string? text) || string.IsNullOrWhiteSpace(text))
        {
            return ApiProblems.Field("name", "Die Ablaufdefinition braucht einen Namen.");
        }

        return text.Length > 200 ? ApiProblems.Field("name", "Der Name darf höchstens 200 Zeichen lang sein.") : null;
    }
}

internal sealed record DefinitionSummary(string Id, string DefinitionId, string Name, string? Description, int Version, bool IsLatest, bool IsPublished, DateTimeOffset CreatedAt)
{
    public static DefinitionSummary From(WorkflowDefinition d) => new(d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.IsLatest, d.IsPublished, d.CreatedAt);
}
