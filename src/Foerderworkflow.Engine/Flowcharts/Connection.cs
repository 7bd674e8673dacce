namespace Foerderworkflow.Engine.Flowcharts;

/// <summary>An edge from a source activity's outcome port to a target activity.</summary>
public sealed record Connection(string Source, string SourcePort, string Target)
{
    /// <summary>Identifies the edge within the flowchart, e.g. for join bookkeeping.</summary>
    public string Key => $"{Source}:{SourcePort}->{Target}";
}
