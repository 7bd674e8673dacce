using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The applicant's standing option to withdraw the application, open beside every other step from submission until
/// the first payout is ordered. The workflow draws it as its own branch from a fork; the first payout order reaches a
/// wait-any join downstream of this step, which cancels it. Resumed, it records the withdrawal; the flowchart then
/// publishes <c>ApplicationWithdrawn</c> (the store releases the commitment) and finishes the instance, cancelling
/// every other wait.
/// </summary>
[OutcomeLabel("Withdrawn", "Zurückgezogen")]
[Activity("Foerderworkflow.Funding.Withdrawal", "Förderung", "Rückzug des Antrags",
    "Die Antragstellerin kann den Antrag bis zur ersten Auszahlung zurückziehen; das beendet den Vorgang.",
    Outcomes = [Withdrawn], RequiredOutcomes = [Withdrawn])]
public sealed class WithdrawalActivity : FundingTaskActivity
{
    public const string Withdrawn = "Withdrawn";

    public override ActivityResult Execute(ActivityContext context) => Wait(context, "applicant", "Antrag zurückziehen");

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        if (resumption.ByTimer)
        {
            throw new InvalidOperationException($"'{Id}' has no timer.");
        }

        // The join that cancels this step runs in the burst that orders the payout; this guards a flowchart drawn without it.
        if (FundingVariables.TryRead<PayoutsState>(context, FundingVariables.Payouts) is { Paid: > 0m })
        {
            throw new InvalidResumeInputException("outcome", "Nach der ersten Auszahlung kann der Antrag nicht mehr zurückgezogen werden.");
        }

        FundingVariables.Write(context, FundingVariables.Withdrawal, new WithdrawalState(ResumeInput.OptionalText(resumption.Input, "reason"), context.Now));
        return ActivityResult.Outcome(Withdrawn);
    }
}
