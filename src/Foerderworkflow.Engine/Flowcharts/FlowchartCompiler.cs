using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;

namespace Foerderworkflow.Engine.Flowcharts;

/// <summary>
/// Turns Elsa 3 definition JSON into an executable <see cref="Flowchart"/>, or a list of everything wrong with it.
/// Compiled flowcharts of published versions are cached: a version's content never changes once it runs.
/// </summary>
public sealed class FlowchartCompiler(ActivityRegistry registry, JavaScriptEvaluator javaScript)
{
    private const string FlowchartType = "Elsa.Flowchart";
    private readonly ConcurrentDictionary<string, Flowchart> cache = new(StringComparer.Ordinal);

    public ActivityRegistry Registry => registry;

    public Flowchart GetOrCompile(WorkflowDefinition definition)
    {
        // A version that has been published (and perhaps retracted since) never changes; drafts may.
        if (!definition.IsPublished && definition.PublishedAt is null)
        {
            return Compile(definition);
        }

        return cache.GetOrAdd(definition.Id, _ => Compile(definition));
    }

    /// <summary>The cached flowchart of a published version, so a resume need not read the definition again.</summary>
    public bool TryGetCached(string definitionVersionId, out Flowchart flowchart) => cache.TryGetValue(definitionVersionId, out flowchart!);

    public Flowchart Compile(WorkflowDefinition definition)
    {
        var errors = new List<DefinitionError>();
        var flowchart = TryCompile(definition, errors, checkRequiredPorts: false);
        return errors.Count == 0 ? flowchart! : throw new InvalidDefinitionException(errors);
    }

    /// <summary>
    /// Every problem found, for publish validation; empty when the definition may be published. Beyond what
    /// <see cref="Compile"/> refuses, publishing also requires every required port to be connected. Compiling a stored
    /// version for a run does not, so versions published before the rule keep running and a draft can be tried out
    /// half drawn.
    /// </summary>
    public IReadOnlyList<DefinitionError> Validate(WorkflowDefinition definition)
    {
        var errors = new List<DefinitionError>();
        TryCompile(definition, errors, checkRequiredPorts: true);
        return errors;
    }

    private Flowchart? TryCompile(WorkflowDefinition definition, List<DefinitionError> errors, bool checkRequiredPorts)
    {
        var root = definition.Root;
        if (root["type"]?.GetValue<string>() != FlowchartType)
        {
            errors.Add(new("root.type", $"Die Wurzel muss ein '{FlowchartType}' sein."));
            return null;
        }

        var variableNames = ReadVariables(definition.Document, out var initialVariables);
        var activities = new Dictionary<string, Activity>(StringComparer.Ordinal);
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var nodes = root["activities"] as JsonArray ?? [];
        for (var index = 0; index < nodes.Count; index++)
        {
            var path = $"root.activities[{index}]";
            if (nodes[index] is not JsonObject node || node["id"]?.GetValue<string>() is not { Length: > 0 } id)
            {
                errors.Add(new(path + ".id", "Jede Aktivität braucht eine id."));
                continue;
            }

            if (!indexes.TryAdd(id, index))
            {
                errors.Add(new(path + ".id", $"Die id '{id}' ist doppelt vergeben."));
                continue;
            }

            var typeName = node["type"]?.GetValue<string>() ?? string.Empty;
            if (!registry.TryGet(typeName, out var type))
            {
                errors.Add(new(path + ".type", $"Unbekannter Aktivitätstyp '{typeName}' (Aktivität '{id}')."));
                continue;
            }

            labels[id] = Label(node, id);
            if (Bind(type, id, labels[id], node, path, variableNames, errors) is { } activity)
            {
                activities.Add(id, activity);
            }
        }

        var connections = ReadConnections(root, activities, nodes, errors);
        var starts = FindStarts(activities, connections);
        if (activities.Count > 0 && starts.Count == 0)
        {
            errors.Add(new("root.activities", "Der Ablauf hat keinen Anfang: keine Start-Aktivität und keine Aktivität ohne eingehende Verbindung."));
        }

        if (checkRequiredPorts)
        {
            CheckRequiredPorts(activities, indexes, labels, connections, errors);
        }

        return errors.Count > 0 ? null : new Flowchart(definition.Id, activities, connections, starts, initialVariables);
    }

    /// <summary>
    /// How messages name an activity: as the designer shows it (its display text, else its name), so a designer finds
    /// the node on the canvas; its id only when it has neither.
    /// </summary>
    private static string Label(JsonObject node, string id) =>
        node["metadata"]?["displayText"] is JsonValue text && text.TryGetValue(out string? displayText) && !string.IsNullOrWhiteSpace(displayText) ? displayText
        : node["name"] is JsonValue name && name.TryGetValue(out string? activityName) && !string.IsNullOrWhiteSpace(activityName) ? activityName
        : id;

    private Activity? Bind(ActivityType type, string id, string label, JsonObject node, string path, Dictionary<string, string> variableNames, List<DefinitionError> errors)
    {
        var activity = (Activity)Activator.CreateInstance(type.ClrType)!;
        activity.Id = id;
        activity.TypeName = type.TypeName;
        var before = errors.Count;
        foreach (var input in type.Inputs)
        {
            var field = $"{path}.{input.JsonKey}";
            var inputLabel = input.Attribute.DisplayName ?? input.Name;
            var expression = ReadExpression(field, inputLabel, label, errors, () => input.Attribute.Unwrapped
                ? new LiteralExpression(node[input.JsonKey]?.DeepClone())
                : Expression.FromJson(node[input.JsonKey], input.Name));
            if (expression is null)
            {
                continue;
            }

            if (expression is not JavaScriptExpression && input.Attribute.Required && IsBlank(expression))
            {
                errors.Add(new(field, $"Pflichtfeld '{inputLabel}' von '{label}' ist leer."));
            }

            input.Property.SetValue(activity, Activator.CreateInstance(input.Property.PropertyType, expression, input.Name));
        }

        foreach (var output in type.Outputs)
        {
            var variableId = node[output.JsonKey]?["memoryReference"]?["id"]?.GetValue<string>();
            string? variableName = null;
            if (variableId is not null && !variableNames.TryGetValue(variableId, out variableName))
            {
                errors.Add(new($"{path}.{output.JsonKey}", $"Ausgabe '{output.Name}' von '{id}' ist an eine unbekannte Variable gebunden."));
            }

            output.Property.SetValue(activity, new Output(output.Name, variableName));
        }

        foreach (var (field, name, json) in activity.EmbeddedExpressions())
        {
            ReadExpression($"{path}.{field}", name, id, errors, () => Expression.FromJson(json, name));
        }

        if (errors.Count > before)
        {
            return null;
        }

        errors.AddRange(activity.Validate().Select(message => new DefinitionError(path, $"{id}: {message}")));
        return errors.Count == before ? activity : null;
    }

    /// <summary>Reads an expression and checks that its JavaScript parses; records what is wrong under <paramref name="field"/>.</summary>
    private Expression? ReadExpression(string field, string name, string activityId, List<DefinitionError> errors, Func<Expression> read)
    {
        Expression expression;
        try
        {
            expression = read();
        }
        catch (ExpressionException ex)
        {
            errors.Add(new(field, ex.Message));
            return null;
        }

        if (expression is JavaScriptExpression js)
        {
            try
            {
                javaScript.Validate(js.Code);
            }
            catch (JavaScriptSyntaxException ex)
            {
                errors.Add(new(field, $"JavaScript in '{name}' von '{activityId}' ist fehlerhaft: {ex.Message}"));
            }
        }

        return expression;
    }

    private static bool IsBlank(Expression expression) => expression switch
    {
        LiteralExpression { Value: null } => true,
        LiteralExpression { Value: JsonValue value } => value.TryGetValue(out string? text) && string.IsNullOrWhiteSpace(text),
        _ => false,
    };

    private static List<Connection> ReadConnections(JsonObject root, Dictionary<string, Activity> activities, JsonArray nodes, List<DefinitionError> errors)
    {
        var known = nodes.OfType<JsonObject>().Select(n => n["id"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var connections = new List<Connection>();
        var edges = root["connections"] as JsonArray ?? [];
        for (var index = 0; index < edges.Count; index++)
        {
            var path = $"root.connections[{index}]";
            var edge = edges[index];
            var source = edge?["source"]?["activity"]?.GetValue<string>();
            var target = edge?["target"]?["activity"]?.GetValue<string>();
            var port = edge?["source"]?["port"]?.GetValue<string>() ?? Activity.DoneOutcome;
            if (source is null || !known.Contains(source))
            {
                errors.Add(new(path + ".source", $"Die Verbindung beginnt bei einer unbekannten Aktivität '{source}'."));
                continue;
            }

            if (target is null || !known.Contains(target))
            {
                errors.Add(new(path + ".target", $"Die Verbindung endet bei einer unbekannten Aktivität '{target}'."));
                continue;
            }

            if (activities.TryGetValue(source, out var activity) && !activity.Outcomes.Contains(port, StringComparer.Ordinal))
            {
                errors.Add(new(path + ".source.port", $"'{source}' hat keinen Ausgang '{port}' (vorhanden: {string.Join(", ", activity.Outcomes)})."));
                continue;
            }

            connections.Add(new Connection(source, port, target));
        }

        return connections;
    }

    /// <summary>
    /// Publish-only check of how the activities are wired: each port an activity marks as required
    /// (<see cref="ActivityAttribute.RequiredOutcomes"/>) has a connection. Reachability is deliberately not checked:
    /// an activity no connection leads to never runs (with a Start, only the Start begins), so it cannot end a case
    /// silently, and Studio users draw a step's outgoing edges before its incoming one.
    /// </summary>
    private void CheckRequiredPorts(Dictionary<string, Activity> activities, Dictionary<string, int> indexes, Dictionary<string, string> labels, List<Connection> connections, List<DefinitionError> errors)
    {
        var connectedPorts = connections.Select(c => (c.Source, c.SourcePort)).ToHashSet();
        foreach (var activity in activities.Values.OrderBy(a => indexes[a.Id]))
        {
            foreach (var port in activity.RequiredOutcomes.Where(p => !connectedPorts.Contains((activity.Id, p))))
            {
                var portLabel = registry.TryGet(activity.TypeName, out var type) ? type.OutcomeLabel(port) : port;
                errors.Add(new($"root.activities[{indexes[activity.Id]}]", $"Ausgang '{portLabel}' von '{labels[activity.Id]}' ist nicht verbunden."));
            }
        }
    }

    private static List<string> FindStarts(Dictionary<string, Activity> activities, List<Connection> connections)
    {
        var explicitStarts = activities.Values.Where(a => a is Activities.BuiltIn.StartActivity).Select(a => a.Id).ToList();
        if (explicitStarts.Count > 0)
        {
            return explicitStarts;
        }

        var targets = connections.Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
        return [.. activities.Keys.Where(id => !targets.Contains(id))];
    }

    private static Dictionary<string, string> ReadVariables(JsonObject document, out JsonObject initial)
    {
        initial = [];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in (document["variables"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = variable["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            names[variable["id"]?.GetValue<string>() ?? name] = name;
            initial[name] = InitialValue(variable["value"], variable["typeName"]?.GetValue<string>());
        }

        return names;
    }

    /// <summary>Studio sends variable values back as strings; give typed variables their typed initial value.</summary>
    private static JsonNode? InitialValue(JsonNode? value, string? typeName)
    {
        if (value is not JsonValue text || !text.TryGetValue(out string? s))
        {
            return value?.DeepClone();
        }

        if (string.IsNullOrEmpty(s))
        {
            return typeName is null or "String" or "Object" ? (typeName == "String" ? JsonValue.Create(string.Empty) : null) : null;
        }

        return typeName switch
        {
            "Int32" or "Int64" when long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            "Decimal" or "Double" when decimal.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            "Boolean" when bool.TryParse(s, out var b) => JsonValue.Create(b),
            "Object" => JsonNode.Parse(s),
            _ => JsonValue.Create(s),
        };
    }
}
