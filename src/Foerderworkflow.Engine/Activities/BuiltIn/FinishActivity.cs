namespace Foerderworkflow.Engine.Activities.BuiltIn;

/// <summary>Ends the whole instance at once, cancelling every other waiting path.</summary>
[Activity("Elsa.Finish", "Ablauf", "Abschließen", "Schließt den gesamten Ablauf ab und bricht alle noch wartenden Pfade ab.", Outcomes = [])]
public sealed class FinishActivity : Activity
{
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.FinishWorkflow;
}
