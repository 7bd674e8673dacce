using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Reminders;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// Waits for the applicant's answer to a change request until the reply deadline ends (24:00 of the deadline day).
/// An answer may carry corrected key data (title, project end, a new cost and financing plan), which replace the old ones.
/// Without an answer in time the application is rejected as incomplete. Before that the fund's reminder ladder
/// (<see cref="ReminderSettings.ChangeRequestReply"/>, by default 3 days before and on the deadline day) sends each
/// reminder e-mail and <c>ChangeRequestReplyDue</c> once; an answer cancels the reminders still ahead.
/// </summary>
[OutcomeLabel("Resubmitted", "Erneut eingereicht")]
[OutcomeLabel("DeadlineLapsed", "Frist verstrichen")]
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
                AppealDeadline = FundingTime.AppealDeadline(new Decisions.Notification(fund.NotificationPath, FundingTime.Day(context.Now)), fund),
                Notice = new Decisions.Notification(fund.NotificationPath, FundingTime.Day(context.Now)),
            });
            return ActivityResult.Outcome(DeadlineLapsed);
        }

        var updated = Revised(application, resumption.Input);
        context.CancelOwnBookmarks();
        FundingVariables.Write(context, FundingVariables.Application, updated);
        return ActivityResult.Outcome(Resubmitted);
    }

    /// <summary>
    /// The application with the answer's corrections. A new cost plan (<c>costPlan</c>: lines, own and third-party
    /// funds, requested amount) replaces the old one whole and must close its gap; a changed amount on its own is
    /// refused when the case carries its plan, because the plan would no longer add up.
    /// </summary>
    private static ApplicationCase Revised(ApplicationCase application, JsonObject input)
    {
        var requested = ResumeInput.OptionalAmount(input, "requestedAmount");
        var revised = application with
        {
            Title = ResumeInput.OptionalText(input, "title") ?? application.Title,
            ProjectEnd = ResumeInput.OptionalDay(input, "projectEnd") ?? application.ProjectEnd,
        };
        if (input["costPlan"] is JsonObject plan)
        {
            var lines = ResumeInput.CostLines(plan, "lines", "costPlan.lines");
            var ownFunds = ResumeInput.OptionalAmount(plan, "ownFunds", "costPlan.ownFunds") ?? 0m;
            var thirdParty = ResumeInput.OptionalAmount(plan, "thirdPartyFunds", "costPlan.thirdPartyFunds") ?? 0m;
            var gap = lines.Sum(l => l.Amount) - ownFunds - thirdParty;
            var planned = ResumeInput.OptionalAmount(plan, "requestedAmount", "costPlan.requestedAmount") ?? gap;
            if (planned != gap)
            {
                throw new InvalidResumeInputException("costPlan.requestedAmount",
                    $"Der beantragte Betrag ({Money.FromEuros(planned)}) muss der Finanzierungslücke entsprechen: Gesamtkosten − Eigenmittel − Drittmittel = {Money.FromEuros(gap)}.");
            }

            if (requested is { } amount && amount != planned)
            {
                throw new InvalidResumeInputException("requestedAmount", $"Der Betrag weicht vom neuen Kostenplan ab ({Money.FromEuros(planned)}).");
            }

            revised = revised with { CostLines = lines, OwnFunds = ownFunds, ThirdPartyFunds = thirdParty, RequestedAmount = planned };
        }
        else if (requested is { } amount && amount != application.RequestedAmount)
        {
            if (application.CarriesFinancingPlan)
            {
                throw new InvalidResumeInputException("costPlan",
                    $"Ein geänderter Betrag braucht den geänderten Kosten- und Finanzierungsplan (costPlan), sonst geht der Plan nicht mehr auf: bisher {Money.FromEuros(application.RequestedAmount)} beantragt.");
            }

            revised = revised with { RequestedAmount = amount };
        }

        if (revised.RequestedAmount <= 0m)
        {
            throw new InvalidResumeInputException(input["costPlan"] is null ? "requestedAmount" : "costPlan.requestedAmount", "Der beantragte Betrag muss größer als 0 € sein.");
        }

        return revised;
    }

    private static ReminderLadder LadderOf(FundSettings fund) => fund.Reminders?.ChangeRequestReply ?? ReminderLadder.None;
}
