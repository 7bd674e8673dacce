using System.Text.Json.Nodes;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api;

/// <summary>
/// Endpoints that take their body as a free <see cref="JsonNode"/> (the definition documents, Studio's requests) read
/// it as an object; an array, a string or a number there would throw on the first indexer. This filter answers such a
/// body with a 400 problem before the handler runs, and so a text with control or direction characters (<see cref="TextInput"/>).
/// </summary>
internal static class JsonObjectBodies
{
    public const string Message = "Erwartet wird ein JSON-Objekt.";

    public static TBuilder RequireJsonObjectBodies<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var nodes = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => p.parameter.ParameterType == typeof(JsonNode))
                .Select(p => p.index)
                .ToArray();
            if (nodes.Length == 0)
            {
                return next;
            }

            return context =>
            {
                foreach (var i in nodes)
                {
                    if (context.Arguments[i] is JsonNode and not JsonObject)
                    {
                        return ValueTask.FromResult<object?>(ApiProblems.Field("body", Message));
                    }

                    if (TextInput.FindProblem(context.Arguments[i] as JsonNode) is { } text)
                    {
                        return ValueTask.FromResult<object?>(ApiProblems.Field(text.Field.Length == 0 ? "body" : text.Field, text.Message));
                    }
                }

                return next(context);
            };
        });

    /// <summary>A body the handler parses itself: null when empty, the object, or a 400 problem for anything else.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return (null, null);
        }

        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) switch
            {
                null => (null, null),
                JsonObject body when TextInput.FindProblem(body) is { } text => (null, ApiProblems.Field(text.Field.Length == 0 ? "body" : text.Field, text.Message)),
                JsonObject body => (body, null),
                _ => (null, ApiProblems.Field("body", Message)),
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, ApiProblems.Field("body", "Der Inhalt ist kein gültiges JSON-Dokument."));
        }
    }
}
