using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities.BuiltIn;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// Builds a flowchart definition in Elsa 3 JSON, the way Studio would send it, so tests read as the diagram they draw:
/// <code>
/// new FlowchartBuilder().Start().Decision("check", "variables.Amount > 500").End()
///     .Chain("start", "check").Connect("check", "end", "True")
/// </code>
/// Inputs use the activity's camelCase keys; outputs bind by variable name (declared with <see cref="Variable"/>).
/// </summary>
public sealed class FlowchartBuilder
{
    private const string RootId = "flowchart1";
    private readonly JsonArray activities = [];
    private readonly JsonArray connections = [];
    private readonly JsonArray variables = [];
    private readonly Dictionary<string, string> variableIds = new(StringComparer.Ordinal);

    public FlowchartBuilder(string? definitionId = null, string name = "Testablauf")
    {
        DefinitionId = definitionId ?? Guid.NewGuid().ToString("N");
        Name = name;
    }

    public string DefinitionId { get; }

    public string Name { get; }

    /// <summary>The id the builder gave a declared variable; output bindings refer to it.</summary>
    public string VariableId(string name) =>
        variableIds.TryGetValue(name, out var id) ? id : throw new InvalidOperationException($"Variable '{name}' is not declared.");

    /// <summary>Declares a variable; <paramref name="value"/> is the string Studio sends back.</summary>
    public FlowchartBuilder Variable(string name, string typeName = "Object", string? value = null)
    {
        var id = "var-" + name;
        variableIds[name] = id;
        variables.Add(new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["typeName"] = typeName,
            ["isArray"] = false,
            ["value"] = value,
            ["storageDriverTypeName"] = null,
        });
        return this;
    }

    /// <summary>Adds any activity; <paramref name="properties"/> are its input and output keys.</summary>
    public FlowchartBuilder Activity(string id, string type, params (string Key, JsonNode? Value)[] properties)
    {
        var node = new JsonObject
        {
            ["id"] = id,
            ["nodeId"] = $"{RootId}:{id}",
            ["name"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["customProperties"] = new JsonObject(),
            ["metadata"] = new JsonObject(),
        };
        foreach (var (key, value) in properties)
        {
            node[key] = value?.DeepClone();
        }

        activities.Add(node);
        return this;
    }

    public FlowchartBuilder Connect(string source, string target, string port = "Done")
    {
        connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
        return this;
    }

    /// <summary>Applies a reusable piece of flowchart, so shared fragments stay in one place.</summary>
    public FlowchartBuilder Then(Func<FlowchartBuilder, FlowchartBuilder> fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        return fragment(this);
    }

    /// <summary>Connects each activity to the next through its <c>Done</c> port.</summary>
    public FlowchartBuilder Chain(params string[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
        {
            Connect(ids[i - 1], ids[i]);
        }

        return this;
    }

    public FlowchartBuilder Start(string id = "start") => Activity(id, "Elsa.Start");

    public FlowchartBuilder End(string id = "end") => Activity(id, "Elsa.End");

    public FlowchartBuilder Finish(string id = "finish") => Activity(id, "Elsa.Finish");

    public FlowchartBuilder Decision(string id, string condition) =>
        Activity(id, "Elsa.FlowDecision", ("condition", Expr.JavaScript(condition, "Boolean")));

    public FlowchartBuilder Switch(string id, SwitchMode mode, params (string Label, string Condition)[] cases) =>
        Activity(
            id,
            "Elsa.FlowSwitch",
            ("cases", new JsonArray([.. cases.Select(c => new JsonObject { ["label"] = c.Label, ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = c.Condition } })])),
            ("mode", Expr.Literal(mode.ToString())));

    public FlowchartBuilder SetVariable(string id, string variable, JsonObject value) =>
        Activity(id, "Elsa.SetVariable", ("variable", Expr.Literal(variable)), ("value", value));

    public FlowchartBuilder Fork(string id, params string[] branches) =>
        Activity(id, "Elsa.FlowFork", ("branches", Expr.Literal(string.Join(",", branches))));

    public FlowchartBuilder Join(string id, JoinMode mode) =>
        Activity(id, "Elsa.FlowJoin", ("mode", Expr.Literal(mode.ToString())));

    public FlowchartBuilder Event(string id, string eventName, JsonObject? correlationId = null, string? resultVariable = null) =>
        Activity(
            id,
            "Elsa.Event",
            [("eventName", Expr.Literal(eventName)), .. Optional("correlationId", correlationId), .. OutputBinding(resultVariable)]);

    public FlowchartBuilder HumanTask(string id, string role, string title, string outcomes, JsonObject? dueAt = null, string? resultVariable = null, JsonObject? payload = null) =>
        Activity(
            id,
            "Foerderworkflow.HumanTask",
            [
                ("assigneeRole", Expr.Literal(role)),
                ("title", Expr.Literal(title)),
                ("possibleOutcomes", Expr.Literal(outcomes)),
                .. Optional("dueAt", dueAt),
                .. Optional("payload", payload),
                .. OutputBinding(resultVariable),
            ]);

    public FlowchartBuilder Delay(string id, TimeSpan duration) =>
        Activity(id, "Elsa.Delay", ("timeSpan", Expr.Literal(duration.ToString("c", CultureInfo.InvariantCulture))));

    public FlowchartBuilder StartAt(string id, DateTimeOffset at) =>
        Activity(id, "Elsa.StartAt", ("dateTime", Expr.Literal(at)));

    public FlowchartBuilder PublishMessage(string id, string messageType, JsonObject? payload = null) =>
        Activity(id, "Foerderworkflow.PublishMessage", [("messageType", Expr.Literal(messageType)), .. Optional("payload", payload)]);

    public FlowchartBuilder Flaky(string id, string key) =>
        Activity(id, FlakyActivity.Type, ("key", Expr.Literal(key)));

    public FlowchartBuilder FlakyResume(string id, string key, string? resultVariable = null) =>
        Activity(id, FlakyResumeActivity.Type, [("key", Expr.Literal(key)), .. OutputBinding(resultVariable)]);

    /// <summary>The definition document; each call returns a fresh copy.</summary>
    public JsonObject Build() => new()
    {
        ["id"] = $"{DefinitionId}-draft",
        ["definitionId"] = DefinitionId,
        ["name"] = Name,
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = false,
        ["toolVersion"] = "3.8.0.0",
        ["variables"] = variables.DeepClone(),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["outcomes"] = new JsonArray(),
        ["customProperties"] = new JsonObject(),
        ["root"] = new JsonObject
        {
            ["id"] = RootId,
            ["nodeId"] = RootId,
            ["name"] = "Flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = activities.DeepClone(),
            ["connections"] = connections.DeepClone(),
        },
    };

    private static (string, JsonNode?)[] Optional(string key, JsonNode? value) => value is null ? [] : [(key, value)];

    private (string, JsonNode?)[] OutputBinding(string? variable) => variable is null ? [] : [("result", Expr.OutputTo(VariableId(variable)))];
}
