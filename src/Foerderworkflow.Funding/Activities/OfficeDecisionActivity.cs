using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Funding.Decisions;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The office's binding decision (it may deviate from the vote). Approve with an amount ≤ requested, ≤ the fund's cap
/// unless a reason is given, ≤ the remaining budget of the year (which the caller reads from the ledger and passes as
/// <c>remainingBudget</c>), with a <c>deviationReason</c> against the committee's vote or for less than requested; or
/// reject with reasons. A decision that breaks a rule refuses the resume, naming the field,
/// and nothing is committed.
/// </summary>
[OutcomeLabel("Approve", "Bewilligt")]
[OutcomeLabel("Reject", "Abgelehnt")]
[Activity("Foerderworkflow.Funding.OfficeDecision", "Förderung", "Entscheidung des Amts",
    "Das Amt bewilligt (Betrag höchstens wie beantragt, Förderhöchstgrenze, Restbudget) oder lehnt mit Begründung ab.",
    Outcomes = [Approve, Reject], RequiredOutcomes = [Approve, Reject])]
public sealed class OfficeDecisionActivity : FundingTaskActivity
{
    public const string Approve = "Approve";
    public const string Reject = "Reject";

    [Input(DisplayName = "Rolle", Description = "Wer entscheidet; Standard: office. Nur diese Rolle sieht die Aufgabe und darf sie erledigen.", UIHint = "dropdown", Options = [CoordinationOfficeRole, OfficeRole], DefaultValue = "office")]
    public Input<string> AssigneeRole { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context) =>
        Wait(context, AssigneeRole.IsEmpty ? "office" : context.Get(AssigneeRole) ?? "office", "Über den Antrag entscheiden");

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var outcome = ReadOutcome(resumption, Approve, Reject);
        var input = resumption.Input;
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        // The Bescheid leaves with this burst (the e-mail, the portal, or the office posts it today): the appeal period
        // runs from its notification by the fund's path, not from the decision (§ 41 VwVfG).
        var notice = new Notification(fund.NotificationPath, FundingTime.Day(context.Now));
        var decision = new DecisionState
        {
            DecisionId = $"{application.ApplicationId}-B",
            Outcome = outcome == Approve ? "Approved" : "Rejected",
            DecidedAt = context.Now,
            AppealDeadline = FundingTime.AppealDeadline(notice, fund),
            Notice = notice,
        };
        var recommendation = FundingVariables.TryRead<ResolutionState>(context, FundingVariables.Resolution)?.Outcome;
        decision = decision with { Recommendation = recommendation };
        if (outcome == Approve)
        {
            var amount = ResumeInput.Amount(input, "amount");
            var remaining = ResumeInput.Amount(input, "remainingBudget");
            var capReason = ResumeInput.OptionalText(input, "capExceptionReason");
            var deviationReason = ResumeInput.OptionalText(input, "deviationReason");
            ThrowIfAny(OfficeDecisionRules.ValidateApproval(fund.ToFund(), Money.FromEuros(application.RequestedAmount), Money.FromEuros(amount), capReason,
                Money.FromEuros(remaining), Enum.TryParse<ResolutionOutcome>(recommendation, out var recommended) ? recommended : null, deviationReason));
            decision = decision with
            {
                Amount = Money.FromEuros(amount).Euros, Conditions = ResumeInput.Strings(input, "conditions"), CapExceptionReason = capReason, DeviationReason = deviationReason,
            };
        }
        else
        {
            var reasons = ResumeInput.Strings(input, "reasons");
            ThrowIfAny(OfficeDecisionRules.ValidateRejection(reasons));
            decision = decision with { Reasons = reasons };
        }

        FundingVariables.Write(context, FundingVariables.Decision, decision);
        return ActivityResult.Outcome(outcome);
    }

    private static void ThrowIfAny(IReadOnlyList<Validation.ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidResumeInputException(errors[0].Field, string.Join(" ", errors.Select(e => e.Message)));
        }
    }
}
