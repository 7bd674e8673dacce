using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Engine.Flowcharts;

/// <summary>A definition version compiled for execution: activities bound to their inputs, edges indexed.</summary>
public sealed class Flowchart
{
    private readonly FrozenDictionary<(string Source, string Port), Connection[]> outgoing;
    private readonly FrozenDictionary<string, Connection[]> inbound;
    private readonly FrozenDictionary<string, FrozenSet<string>> upstream;

    internal Flowchart(
        string definitionVersionId,
        IReadOnlyDictionary<string, Activity> activities,
        IReadOnlyList<Connection> connections,
        IReadOnlyList<string> startActivityIds,
        JsonObject initialVariables)
    {
        DefinitionVersionId = definitionVersionId;
        Activities = activities.ToFrozenDictionary();
        StartActivityIds = startActivityIds;
        InitialVariables = initialVariables;
        outgoing = connections.GroupBy(c => (c.Source, c.SourcePort)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        inbound = connections.GroupBy(c => c.Target).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        upstream = Activities.Keys.ToFrozenDictionary(id => id, id => CollectUpstream(id, inbound));
    }

    public string DefinitionVersionId { get; }
    public FrozenDictionary<string, Activity> Activities { get; }
    public IReadOnlyList<string> StartActivityIds { get; }
    public JsonObject InitialVariables { get; }

    public IReadOnlyList<Connection> Outgoing(string activityId, string port) =>
        outgoing.TryGetValue((activityId, port), out var list) ? list : [];

    public IReadOnlyList<Connection> Inbound(string activityId) =>
        inbound.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>Every activity from which <paramref name="activityId"/> can be reached (excluding itself).</summary>
    public IReadOnlySet<string> Upstream(string activityId) => upstream[activityId];

    private static FrozenSet<string> CollectUpstream(string activityId, FrozenDictionary<string, Connection[]> inbound)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([activityId]);
        while (stack.TryPop(out var current))
        {
            if (!inbound.TryGetValue(current, out var edges))
            {
                continue;
            }

            foreach (var edge in edges)
            {
                if (seen.Add(edge.Source))
                {
                    stack.Push(edge.Source);
                }
            }
        }

        seen.Remove(activityId);
        return seen.ToFrozenSet(StringComparer.Ordinal);
    }
}
