using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Deadlines;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The KuF's formal review: complete and eligible → on to the decision; something missing → change request with a
/// reply deadline (the fund's reply period counted by §§ 187–193 BGB in the fund's state); formally inadmissible →
/// rejected with reasons.
/// </summary>
[OutcomeLabel("ToDecision", "Zur Entscheidung")]
[OutcomeLabel("ChangeRequested", "Nachforderung")]
[OutcomeLabel("Inadmissible", "Unzulässig")]
[Activity("Foerderworkflow.Funding.FormalReview", "Förderung", "Formale Prüfung (KuF)",
    "Die Koordinierungs- und Fachstelle prüft den Antrag formal: weiter zur Entscheidung, Nachforderung mit Antwortfrist oder unzulässig.",
    Outcomes = [ToDecision, ChangeRequested, Inadmissible], RequiredOutcomes = [ToDecision, ChangeRequested, Inadmissible])]
public sealed class FormalReviewActivity : FundingTaskActivity
{
    public const string ToDecision = "ToDecision";
    public const string ChangeRequested = "ChangeRequested";
    public const string Inadmissible = "Inadmissible";

    [Input(DisplayName = "Rolle", Description = "Wer prüft; Standard: kuf. Nur diese Rolle sieht die Aufgabe und darf sie erledigen.", UIHint = "dropdown", Options = [CoordinationOfficeRole, OfficeRole], DefaultValue = "kuf")]
    public Input<string> AssigneeRole { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context) =>
        Wait(context, AssigneeRole.IsEmpty ? "kuf" : context.Get(AssigneeRole) ?? "kuf", "Antrag formal prüfen");

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = ReadOutcome(resumption, ToDecision, ChangeRequested, Inadmissible);
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var today = FundingTime.Day(context.Now);
        switch (outcome)
        {
            case ChangeRequested:
                var reason = ResumeInput.Text(resumption.Input, "reason");
                var round = (FundingVariables.TryRead<ChangeRequestState>(context, FundingVariables.ChangeRequest)?.Round ?? 0) + 1;
                var day = FundingTime.Deadline(today, Period.Days(Math.Max(1, fund.ReplyPeriodDays)), fund.FederalState);
                FundingVariables.Write(context, FundingVariables.ChangeRequest,
                    new ChangeRequestState($"{application.ApplicationId}-N{round}", reason, day, FundingTime.EndOf(day), round));
                break;
            case Inadmissible:
                var reasons = ResumeInput.Strings(resumption.Input, "reasons");
                if (reasons.Count == 0)
                {
                    throw new InvalidResumeInputException("reasons", "Eine Ablehnung als unzulässig muss begründet werden.");
                }

                FundingVariables.Write(context, FundingVariables.Decision, new DecisionState
                {
                    DecisionId = $"{application.ApplicationId}-B",
                    Outcome = "Rejected",
                    Reasons = reasons,
                    DecidedAt = context.Now,
                    AppealDeadline = FundingTime.AppealDeadline(new Decisions.Notification(fund.NotificationPath, today), fund),
                    Notice = new Decisions.Notification(fund.NotificationPath, today),
                });
                break;
        }

        context.SetVariable("formalReview", new JsonObject { ["outcome"] = outcome, ["at"] = context.Now, ["note"] = ResumeInput.OptionalText(resumption.Input, "note") });
        return ActivityResult.Outcome(outcome);
    }
}
