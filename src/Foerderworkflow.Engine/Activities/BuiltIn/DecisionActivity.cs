namespace Foerderworkflow.Engine.Activities.BuiltIn;

[OutcomeLabel("True", "Ja")]
[OutcomeLabel("False", "Nein")]
[Activity("Elsa.FlowDecision", "Ablauf", "Entscheidung", "Verzweigt nach einer Bedingung: wahr oder falsch.", Outcomes = ["True", "False"])]
public sealed class DecisionActivity : Activity
{
    [Input(DisplayName = "Bedingung", Description = "JavaScript-Ausdruck, z. B. variables.Betrag > 500", UIHint = "singleline", Required = true)]
    public Input<bool> Condition { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Outcome(context.Get(Condition) ? "True" : "False");
}
