namespace Foerderworkflow.Engine.Activities.BuiltIn;

[Activity("Elsa.Start", "Ablauf", "Start", "Hier beginnt der Ablauf.")]
public sealed class StartActivity : Activity
{
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
