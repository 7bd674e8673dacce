using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities.BuiltIn;

[Activity("Elsa.SetVariable", "Daten", "Variable setzen", "Setzt eine Variable des Ablaufs auf einen Wert oder das Ergebnis eines Ausdrucks.")]
public sealed class SetVariableActivity : Activity
{
    [Input(DisplayName = "Variable", Description = "Name der Variable.", UIHint = "variable-picker", Required = true)]
    public Input<string> Variable { get; set; } = null!;

    [Input(DisplayName = "Wert", Description = "Wert oder JavaScript-Ausdruck.", UIHint = "singleline")]
    public Input<JsonNode> Value { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context)
    {
        var name = context.Get(Variable) ?? throw new InvalidOperationException("No variable name given.");
        context.SetVariable(name, context.Get(Value));
        return ActivityResult.Done;
    }
}
