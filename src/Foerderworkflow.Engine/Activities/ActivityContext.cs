using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// What an activity may see and do during its turn. Everything it does here is collected by the burst and becomes
/// durable only with the burst's commit.
/// </summary>
public sealed class ActivityContext
{
    private readonly Burst burst;

    internal ActivityContext(Burst burst, Activity activity, string? arrivedVia)
    {
        this.burst = burst;
        Activity = activity;
        ArrivedVia = arrivedVia;
    }

    public Activity Activity { get; }
    public string InstanceId => burst.Instance.Id;
    public string? CorrelationId => burst.Instance.CorrelationId;
    public DateTimeOffset Now => burst.Now;

    /// <summary>The connection this activity was reached through (<see cref="Connection.Key"/>), if any.</summary>
    public string? ArrivedVia { get; }

    public IReadOnlyList<Connection> InboundConnections => burst.Flowchart.Inbound(Activity.Id);

    public JsonNode? GetVariable(string name) => burst.Instance.State.Variables[name];

    public void SetVariable(string name, JsonNode? value) => burst.Instance.State.Variables[name] = value?.DeepClone();

    /// <summary>Evaluates an input: literals are converted, JavaScript runs with the instance's variables in scope.</summary>
    public T? Get<T>(Input<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var value = Evaluate(input.Expression);
        if (value is null && input.Expression is JavaScriptExpression && typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) is null)
        {
            // undefined or null where a value is required (a typo in a variable name): taking the default would
            // silently choose a path.
            throw new InvalidOperationException($"Input '{input.Name}' of '{Activity.Id}' evaluated to null; a {typeof(T).Name} is required.");
        }

        return ValueConverter.Convert<T>(value, input.Name);
    }

    public JsonNode? Evaluate(Expression expression) => expression switch
    {
        LiteralExpression literal => literal.Value?.DeepClone(),
        JavaScriptExpression js => burst.Scripts.Evaluate(js.Code, new ScriptGlobals(burst.Instance.State.Variables, burst.Instance.State.Input, burst.Instance.State.LastResult, CorrelationId)),
        _ => throw new InvalidOperationException($"Unsupported expression {expression.GetType().Name}."),
    };

    /// <summary>Sets an output; bound outputs land in their variable, and every output becomes <c>lastResult</c>.</summary>
    public void SetOutput(Output output, JsonNode? value)
    {
        if (output.VariableId is { } variable)
        {
            SetVariable(variable, value);
        }

        burst.Instance.State.LastResult = value?.DeepClone();
    }

    /// <summary>Queues a message for the outbox; it leaves the process only after the commit.</summary>
    public void Publish(string messageType, JsonObject payload) => burst.AddMessage(messageType, payload);

    /// <summary>Inbound connections that have arrived at this (join) node since it last fired.</summary>
    public List<string> JoinArrivals => burst.JoinArrivals(Activity.Id);

    /// <summary>Cancels every other path still leading into this node: their bookmarks and scheduled work.</summary>
    public void CancelOtherInboundPaths() => burst.CancelUpstreamOf(Activity.Id);

    /// <summary>
    /// Cancels the bookmarks (and their timers) this node still holds. An activity that waits on several bookmarks at
    /// once (a task and its reminder timers) calls it when one of them ends the wait, so the others go away with the
    /// step in the same commit. Bookmarks the activity returns in this turn's result are kept.
    /// </summary>
    public void CancelOwnBookmarks() => burst.CancelBookmarksOf(Activity.Id);
}
