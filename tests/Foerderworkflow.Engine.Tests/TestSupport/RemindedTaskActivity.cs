using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// A test-only task with reminder timers: it waits on one task bookmark and one timer bookmark per reminder (days
/// after the start). A reminder publishes <c>Reminded</c> and keeps waiting; answering the task cancels the rest.
/// </summary>
[Activity(Type, "Tests", "Task with reminders", "Waits on a task and several reminder timers.")]
public sealed class RemindedTaskActivity : Activity
{
    public const string Type = "Tests.RemindedTask";
    public const string ReminderBookmark = "Tests.Reminder";

    [Input(Required = true)]
    public Input<string> ReminderDays { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context)
    {
        var days = context.Get(ReminderDays)!.Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture));
        var reminders = days.Select(d => new BookmarkRequest(ReminderBookmark, new JsonObject { ["day"] = d }, context.Now.AddDays(d)));
        return new ActivityResult.Suspended([new BookmarkRequest(Type, new JsonObject { ["task"] = Id }), .. reminders]);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        if (resumption.ByTimer)
        {
            context.Publish("Reminded", new JsonObject { ["day"] = resumption.BookmarkPayload["day"]!.DeepClone() });
            return ActivityResult.Pending;
        }

        context.CancelOwnBookmarks();
        return ActivityResult.Done;
    }
}
