using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities.BuiltIn;

[Activity("Elsa.StartAt", "Zeit", "Warten bis", "Wartet bis zu einem Zeitpunkt; liegt er in der Vergangenheit, geht es sofort weiter.")]
public sealed class StartAtActivity : Activity
{
    public const string BookmarkName = "Elsa.StartAt";

    [Input(DisplayName = "Zeitpunkt", Description = "Datum und Uhrzeit (ISO 8601) oder JavaScript.", UIHint = "datetime-picker", Required = true)]
    public Input<DateTimeOffset> DateTime { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context)
    {
        var due = context.Get(DateTime);
        return due <= context.Now
            ? ActivityResult.Done
            : ActivityResult.Suspend(new BookmarkRequest(BookmarkName, new JsonObject { ["dueAt"] = due }, due));
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption) => ActivityResult.Done;
}
