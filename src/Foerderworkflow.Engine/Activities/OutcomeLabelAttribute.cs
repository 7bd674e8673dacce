namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// The label a designer shows for one outcome (port) of an activity, e.g. <c>Approve</c> → "Bewilligen". The outcome's
/// name stays what the flowchart JSON stores and connections refer to; only the label is for people.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OutcomeLabelAttribute(string outcome, string displayName) : Attribute
{
    public string Outcome { get; } = outcome;

    public string DisplayName { get; } = displayName;
}
