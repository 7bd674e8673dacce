using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// What a script sees of the workflow instance. <see cref="Variables"/> is the instance's own object: only
/// <c>setVariable</c> writes to it, while assignments to <c>variables.x</c> change the script's copy alone.
/// </summary>
public sealed record ScriptGlobals(JsonObject Variables, JsonNode? Input, JsonNode? LastResult, string? CorrelationId);
