namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// Registers an activity under its Elsa type name. Category, display name and description feed the designer's
/// toolbox; the description is German because administrators read it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string typeName, string category, string displayName, string description) : Attribute
{
    public string TypeName { get; } = typeName;
    public string Category { get; } = category;
    public string DisplayName { get; } = displayName;
    public string Description { get; } = description;
    public int Version { get; init; } = 1;

    /// <summary>The fixed flow ports of the activity; activities with dynamic ports override <see cref="Activity.Outcomes"/>.</summary>
    public string[] Outcomes { get; init; } = [Activity.DoneOutcome];

    /// <summary>
    /// Ports that must be connected before a flowchart may be published, because leaving one open would end the path
    /// silently when the step chooses it (e.g. every outcome of a funding decision). A subset of <see cref="Outcomes"/>;
    /// ports not listed may stay open.
    /// </summary>
    public string[] RequiredOutcomes { get; init; } = [];
}
