using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Funding.Reminders;

/// <summary>
/// What a rung of a step's ladder publishes: <paramref name="DueEvent"/> before and on the due day,
/// <paramref name="OverdueEvent"/> for a dunning (its <c>reminderLevel</c> read from the step's state, which the step
/// updates first), each with the applicant's e-mail in the template for the rung's kind.
/// </summary>
public sealed record RungNotices(string DueEvent, string OverdueEvent, string BeforeTemplate, string OnTheDayTemplate, string DunningTemplate)
{
    /// <summary>Publishes the event and the e-mail of <paramref name="rung"/> for <paramref name="step"/> (its activity id).</summary>
    public void Publish(ActivityContext context, string step, ReminderRung rung, ReminderLadder ladder, DateOnly dueDay)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rung);
        var eventName = rung.Kind == ReminderKind.Dunning ? OverdueEvent : DueEvent;
        var template = rung.Kind switch
        {
            ReminderKind.Before => BeforeTemplate,
            ReminderKind.OnTheDay => OnTheDayTemplate,
            _ => DunningTemplate,
        };
        var (message, email) = NotifyApplicantActivity.Compose(step, eventName, template, suppressEmail: false, context.GetVariable, context.Now);
        context.Publish(eventName, message);
        if (email is not null)
        {
            context.Publish(nameof(SendEmail), FundingVariables.ToJson(ReminderEmail.WithNewDeadline(email, rung, ladder, dueDay)));
        }
    }
}
