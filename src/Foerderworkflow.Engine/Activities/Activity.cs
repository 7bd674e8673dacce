using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// A step of a flowchart. An activity decides; it never does I/O. What should happen outside the instance it
/// returns as effects through the <see cref="ActivityContext"/> (messages, bookmarks, timers), which become durable
/// only when the burst commits. One object exists per activity node of a compiled definition version and is
/// shared by every instance, so an activity keeps no state of its own: instance state lives in the context.
/// </summary>
public abstract class Activity
{
    public const string DoneOutcome = "Done";

    /// <summary>The node's id within the flowchart.</summary>
    public string Id { get; internal set; } = string.Empty;

    /// <summary>The registered type name, e.g. <c>Elsa.FlowDecision</c>.</summary>
    public string TypeName { get; internal set; } = string.Empty;

    /// <summary>The flow ports this node may leave through.</summary>
    public virtual IReadOnlyList<string> Outcomes => GetType().GetCustomAttributes(typeof(ActivityAttribute), false) is [ActivityAttribute a] ? a.Outcomes : [DoneOutcome];

    /// <summary>The ports that must be connected for the flowchart to be published (see <see cref="ActivityAttribute.RequiredOutcomes"/>).</summary>
    public virtual IReadOnlyList<string> RequiredOutcomes => GetType().GetCustomAttributes(typeof(ActivityAttribute), false) is [ActivityAttribute a] ? a.RequiredOutcomes : [];

    public abstract ActivityResult Execute(ActivityContext context);

    /// <summary>Continues an activity that suspended on a bookmark.</summary>
    public virtual ActivityResult Resume(ActivityContext context, Resumption resumption) =>
        throw new InvalidOperationException($"Activity '{Id}' ({TypeName}) does not wait on bookmarks.");

    /// <summary>
    /// Expressions kept inside an unwrapped input (e.g. the conditions of a switch's cases), each with its JSON path
    /// below the activity and a name for messages, so the compiler checks them as it checks wrapped inputs.
    /// </summary>
    public virtual IEnumerable<(string Field, string Name, JsonNode? Expression)> EmbeddedExpressions() => [];

    /// <summary>Compile-time checks beyond inputs (e.g. a switch needs cases); returns German-neutral messages.</summary>
    public virtual IEnumerable<string> Validate() => [];
}
