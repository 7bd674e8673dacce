namespace Foerderworkflow.Engine.Activities.BuiltIn;

/// <summary>Ends one path; the instance finishes when no path is left and nothing is awaited.</summary>
[Activity("Elsa.End", "Ablauf", "Ende", "Beendet diesen Pfad des Ablaufs.", Outcomes = [])]
public sealed class EndActivity : Activity
{
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Outcome();
}
