namespace Foerderworkflow.Engine.Activities.BuiltIn;

/// <summary>Starts several paths at once, one per named branch.</summary>
[Activity("Elsa.FlowFork", "Ablauf", "Verzweigen", "Startet mehrere Pfade gleichzeitig, einen je Zweig.")]
public sealed class ForkActivity : Activity
{
    [Input(DisplayName = "Zweige", Description = "Namen der Zweige; jeder Zweig ist ein Ausgang.", UIHint = "dynamic-outcomes", Required = true)]
    public Input<string> Branches { get; set; } = null!;

    public override IReadOnlyList<string> Outcomes => BranchNames();

    public override IEnumerable<string> Validate()
    {
        if (BranchNames().Count == 0)
        {
            yield return "Eine Verzweigung braucht mindestens einen Zweig.";
        }
    }

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Outcome([.. BranchNames()]);

    // Branch names are literal: the ports must be known when the flowchart is drawn.
    private List<string> BranchNames() => OutcomeNames.Read(Branches?.Expression);
}
