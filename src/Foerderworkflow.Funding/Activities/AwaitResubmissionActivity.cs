using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Reminders;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// Waits for the applicant's answer to a change request until the reply deadline ends (24:00 of the deadline day).
/// An answer may carry corrected key data (title, requested amount, project dates), which replace the old ones.
/// Without an answer in time the application is rejected as incomplete. Before that the fund's reminder ladder
/// (<see cref="ReminderSettings.ChangeRequestReply"/>, by default 3 days before and on the deadline day) sends each
/// reminder e-mail and <c>ChangeRequestReplyDue</c> once; an answer cancels the reminders still ahead.
/// </summary>
[Activity("Foerderworkflow.Funding.AwaitResubmission", "Förderung", "Antwort auf Nachforderung abwarten",
    "Wartet, bis die Antragstellerin die Nachforderung beantwortet, oder bis die Antwortfrist verstrichen ist.",
    Outcomes = [Resubmitted, DeadlineLapsed], RequiredOutcomes = [Resubmitted, DeadlineLapsed])]
public sealed class AwaitResubmissionActivity : FundingTaskActivity
{
    public const string Resubmitted = "Resubmitted";
    public const string DeadlineLapsed = "DeadlineLapsed";

    public override ActivityResult Execute(ActivityContext context)
    {
        var request = FundingVariables.Read<ChangeRequestState>(context, FundingVariables.ChangeRequest);
        var task = TaskBookmark(context, ApplicantRole, "Nachforderung beantworten", request.ReplyDeadline, new JsonObject { ["reason"] = request.Reason });
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var ladder = LadderOf(FundingVariables.Read<FundSettings>(context, FundingVariables.Fund));
        return new ActivityResult.Suspended([task, .. ReminderBookmarks.Requests(this, application, ladder, request.ReplyDeadlineDay, context.Now)]);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        if (ReminderBookmarks.IsRung(resumption))
        {
            var settings = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
            var open = FundingVariables.Read<ChangeRequestState>(context, FundingVariables.ChangeRequest);
            ReminderBookmarks.RungOf(resumption, LadderOf(settings), open.ReplyDeadlineDay);
            context.Publish(nameof(ChangeRequestReplyDue), FundingVariables.ToJson(new ChangeRequestReplyDue
            {
                ApplicationId = application.ApplicationId, Fund = settings.Id, BudgetYear = application.BudgetYear, OccurredAt = context.Now,
                ChangeRequestId = open.ChangeRequestId, DueAt = open.ReplyDeadline,
            }));
            var email = ReminderEmail.Compose(application, settings, EmailTemplates.Fristerinnerung,
                new Dictionary<string, string>(StringComparer.Ordinal) { [EmailFields.Antwortfrist] = ReminderEmail.Day(open.ReplyDeadlineDay) }, context.Now);
            context.Publish(nameof(SendEmail), FundingVariables.ToJson(email));
            return ActivityResult.Pending;
        }

        if (resumption.ByTimer)
        {
            context.CancelOwnBookmarks();
            var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
            var request = FundingVariables.Read<ChangeRequestState>(context, FundingVariables.ChangeRequest);
            FundingVariables.Write(context, FundingVariables.Decision, new DecisionState
            {
                DecisionId = $"{application.ApplicationId}-B",
                Outcome = "Rejected",
                Reasons = [$"Die Nachforderung wurde nicht bis zum {request.ReplyDeadlineDay:dd.MM.yyyy} beantwortet; der Antrag ist unvollständig."],
                DecidedAt = context.Now,
                AppealDeadline = FundingTime.EndOf(FundingTime.AppealDeadline(FundingTime.Day(context.Now), fund.FederalState)),
            });
            return ActivityResult.Outcome(DeadlineLapsed);
        }

        var updated = application with
        {
            Title = ResumeInput.OptionalText(resumption.Input, "title") ?? application.Title,
            RequestedAmount = ResumeInput.OptionalAmount(resumption.Input, "requestedAmount") ?? application.RequestedAmount,
            ProjectEnd = ResumeInput.OptionalDay(resumption.Input, "projectEnd") ?? application.ProjectEnd,
        };
        if (updated.RequestedAmount <= 0m)
        {
            throw new InvalidResumeInputException("requestedAmount", "Der beantragte Betrag muss größer als 0 € sein.");
        }

        context.CancelOwnBookmarks();
        FundingVariables.Write(context, FundingVariables.Application, updated);
        return ActivityResult.Outcome(Resubmitted);
    }

    private static ReminderLadder LadderOf(FundSettings fund) => fund.Reminders?.ChangeRequestReply ?? ReminderLadder.None;
}
