using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// Waits for the proof of use (narrative report and the money actually spent), due the fund's period after the
/// project end (§§ 187–193 BGB in the fund's state). When the due date passes it leaves through <c>Overdue</c> once;
/// reached again, it waits without a timer (the dunning ladder is the reminders' job).
/// </summary>
[Activity("Foerderworkflow.Funding.ProofOfUse", "Förderung", "Verwendungsnachweis abwarten",
    "Wartet auf den Verwendungsnachweis (Sachbericht und tatsächliche Ausgaben); fällig die Frist des Fonds nach Projektende.",
    Outcomes = [Submitted, Overdue], RequiredOutcomes = [Submitted, Overdue])]
public sealed class ProofOfUseActivity : FundingTaskActivity
{
    public const string Submitted = "Submitted";
    public const string Overdue = "Overdue";

    /// <summary>The due moment: end of the day the fund's proof-of-use period after the project end ends.</summary>
    public static DateTimeOffset DueAt(ApplicationCase application, FundSettings fund)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(fund);
        return FundingTime.EndOf(FundingTime.Deadline(application.ProjectEnd, FundingTime.ToPeriod(fund.ProofOfUsePeriod), fund.FederalState));
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var state = FundingVariables.TryRead<ProofOfUseState>(context, FundingVariables.ProofOfUse);
        if (state is null)
        {
            var due = DueAt(FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application), FundingVariables.Read<FundSettings>(context, FundingVariables.Fund));
            state = new ProofOfUseState(due, Overdue: false, ReminderLevel: 0, null, null, null);
            FundingVariables.Write(context, FundingVariables.ProofOfUse, state);
        }

        return Wait(context, "applicant", "Verwendungsnachweis einreichen", state.Overdue ? null : state.DueAt);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var state = FundingVariables.Read<ProofOfUseState>(context, FundingVariables.ProofOfUse);
        if (resumption.ByTimer)
        {
            FundingVariables.Write(context, FundingVariables.ProofOfUse, state with { Overdue = true, ReminderLevel = state.ReminderLevel + 1 });
            return ActivityResult.Outcome(Overdue);
        }

        var spent = ResumeInput.Amount(resumption.Input, "spentAmount");
        if (spent < 0m)
        {
            throw new InvalidResumeInputException("spentAmount", "Die Ausgaben dürfen nicht negativ sein.");
        }

        var report = ResumeInput.Text(resumption.Input, "report");
        FundingVariables.Write(context, FundingVariables.ProofOfUse, state with { SpentAmount = spent, Report = report, SubmittedAt = context.Now });
        return ActivityResult.Outcome(Submitted);
    }
}
