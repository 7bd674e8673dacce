using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities.BuiltIn;

/// <summary>Sends a message through the outbox: it leaves the process only after the burst has committed.</summary>
[Activity("Foerderworkflow.PublishMessage", "Nachrichten", "Nachricht senden", "Veröffentlicht eine Nachricht über den Nachrichtenbus, sobald der Schritt gespeichert ist.")]
public sealed class PublishMessageActivity : Activity
{
    [Input(DisplayName = "Nachrichtentyp", Description = "Name des Nachrichtentyps.", UIHint = "singleline", Required = true)]
    public Input<string> MessageType { get; set; } = null!;

    [Input(DisplayName = "Inhalt", Description = "JSON-Objekt oder JavaScript-Ausdruck, der ein Objekt liefert.", UIHint = "multiline")]
    public Input<JsonObject> Payload { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context)
    {
        var type = context.Get(MessageType) ?? throw new InvalidOperationException("No message type given.");
        context.Publish(type, (Payload.IsEmpty ? null : context.Get(Payload)) ?? []);
        return ActivityResult.Done;
    }
}
