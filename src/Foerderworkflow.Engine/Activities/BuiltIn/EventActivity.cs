using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities.BuiltIn;

/// <summary>
/// Waits for a named event. Without an explicit correlation id the instance's own correlation id is used, so an
/// event raised for one application reaches only that application's instance.
/// </summary>
[Activity("Elsa.Event", "Warten", "Ereignis abwarten", "Wartet, bis ein benanntes Ereignis ausgelöst wird, optional nur für eine Korrelations-ID.")]
public sealed class EventActivity : Activity
{
    public const string BookmarkName = "Elsa.Event";

    [Input(DisplayName = "Ereignis", Description = "Name des Ereignisses.", UIHint = "singleline", Required = true)]
    public Input<string> EventName { get; set; } = null!;

    [Input(DisplayName = "Korrelations-ID", Description = "Leer: die Korrelations-ID des Ablaufs.", UIHint = "singleline")]
    public Input<string> CorrelationId { get; set; } = null!;

    [Output(DisplayName = "Ereignisdaten")]
    public Output Result { get; set; } = null!;

    public static JsonObject BookmarkPayload(string eventName, string? correlationId) =>
        new() { ["eventName"] = eventName, ["correlationId"] = correlationId };

    public override ActivityResult Execute(ActivityContext context)
    {
        var name = context.Get(EventName) ?? throw new InvalidOperationException("No event name given.");
        var correlation = CorrelationId.IsEmpty ? context.CorrelationId : context.Get(CorrelationId);
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkName, BookmarkPayload(name, correlation)));
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        context.SetOutput(Result, resumption.Input.DeepClone());
        return ActivityResult.Done;
    }
}
