namespace Foerderworkflow.Engine.Activities.BuiltIn;

/// <summary>
/// Merges paths. Wait-all continues once every inbound connection has arrived. Wait-any continues on the first
/// arrival and cancels every other path still leading here (their bookmarks, timers and scheduled work), which is
/// how "the applicant answers or the deadline passes, whichever comes first" is drawn.
/// </summary>
[Activity("Elsa.FlowJoin", "Ablauf", "Zusammenführen", "Führt Pfade zusammen: wartet auf alle oder nimmt den ersten.")]
public sealed class JoinActivity : Activity
{
    [Input(DisplayName = "Modus", Description = "WaitAll: auf alle eingehenden Pfade warten; WaitAny: beim ersten weitergehen.", UIHint = "dropdown", DefaultValue = nameof(JoinMode.WaitAll), Required = true)]
    public Input<JoinMode> Mode { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context)
    {
        if (context.Get(Mode) == JoinMode.WaitAny)
        {
            context.CancelOtherInboundPaths();
            context.JoinArrivals.Clear();
            return ActivityResult.Done;
        }

        var arrivals = context.JoinArrivals;
        if (context.ArrivedVia is { } via && !arrivals.Contains(via))
        {
            arrivals.Add(via);
        }

        if (context.InboundConnections.All(c => arrivals.Contains(c.Key)))
        {
            arrivals.Clear();
            return ActivityResult.Done;
        }

        return ActivityResult.Pending;
    }
}

public enum JoinMode
{
    WaitAll,
    WaitAny,
}
