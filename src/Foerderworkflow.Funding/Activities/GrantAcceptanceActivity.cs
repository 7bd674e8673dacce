using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The grant becomes final: the applicant signs the agreement, or waives the appeal, or the one-month appeal period
/// lapses (a timer at the end of the appeal deadline). Money may flow only after this step.
/// </summary>
[Activity("Foerderworkflow.Funding.GrantAcceptance", "Förderung", "Bescheid bestandskräftig",
    "Wartet, bis die Vereinbarung unterschrieben oder auf Widerspruch verzichtet wird oder die Widerspruchsfrist abgelaufen ist.",
    Outcomes = [AgreementSigned, AppealWaived, AppealPeriodLapsed], RequiredOutcomes = [AgreementSigned, AppealWaived, AppealPeriodLapsed])]
public sealed class GrantAcceptanceActivity : FundingTaskActivity
{
    public const string AgreementSigned = "AgreementSigned";
    public const string AppealWaived = "AppealWaived";
    public const string AppealPeriodLapsed = "AppealPeriodLapsed";

    public override ActivityResult Execute(ActivityContext context)
    {
        var decision = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
        return Wait(context, "applicant", "Zuwendung annehmen oder auf Widerspruch verzichten", decision.AppealDeadline);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        AcceptanceState state;
        if (resumption.ByTimer)
        {
            state = new AcceptanceState(AppealPeriodLapsed, "Widerspruchsfrist abgelaufen", context.Now);
        }
        else
        {
            var outcome = ReadOutcome(resumption, AgreementSigned, AppealWaived);
            state = new AcceptanceState(outcome, ResumeInput.Text(resumption.Input, "signedBy"), context.Now);
        }

        FundingVariables.Write(context, FundingVariables.Acceptance, state);
        return ActivityResult.Outcome(state.Outcome);
    }
}
