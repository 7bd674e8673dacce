using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities.BuiltIn;

[Activity("Elsa.Delay", "Zeit", "Warten (Dauer)", "Wartet eine Zeitspanne, z. B. 14.00:00:00 für 14 Tage.")]
public sealed class DelayActivity : Activity
{
    public const string BookmarkName = "Elsa.Delay";

    [Input(DisplayName = "Dauer", Description = "Zeitspanne als d.hh:mm:ss.", UIHint = "singleline", Required = true)]
    public Input<TimeSpan> TimeSpan { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context)
    {
        var due = context.Now + context.Get(TimeSpan);
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkName, new JsonObject { ["dueAt"] = due }, due));
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption) => ActivityResult.Done;
}
