using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Deadlines;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The office reviews the proof of use (content and arithmetic). The confirmed spending (by default what the applicant
/// reported) against the grant decides: nothing left over → <c>Accepted</c>; money left over → <c>Reclaim</c> with a
/// reason and a repayment due date (one month, § 193 BGB), interest per § 49a (3) VwVfG at the rate given.
/// </summary>
[Activity("Foerderworkflow.Funding.ProofOfUseReview", "Förderung", "Verwendungsnachweis prüfen",
    "Das Amt prüft den Verwendungsnachweis inhaltlich und rechnerisch: Abschluss oder Rückforderung nicht verbrauchter Mittel.",
    Outcomes = [Accepted, Reclaim])]
public sealed class ProofOfUseReviewActivity : FundingTaskActivity
{
    public const string Accepted = "Accepted";
    public const string Reclaim = "Reclaim";

    public override ActivityResult Execute(ActivityContext context) => Wait(context, "office", "Verwendungsnachweis prüfen");

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var outcome = ReadOutcome(resumption, Accepted, Reclaim);
        var input = resumption.Input;
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var decision = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
        var proof = FundingVariables.Read<ProofOfUseState>(context, FundingVariables.ProofOfUse);
        var grant = decision.Amount ?? 0m;
        var spent = ResumeInput.OptionalAmount(input, "spentAmount") ?? proof.SpentAmount ?? 0m;
        if (spent < 0m)
        {
            throw new InvalidResumeInputException("spentAmount", "Die Ausgaben dürfen nicht negativ sein.");
        }

        var unspent = Math.Max(0m, grant - Math.Min(spent, grant));
        ReviewState state;
        if (outcome == Accepted)
        {
            if (unspent > 0m)
            {
                throw new InvalidResumeInputException("outcome", $"Es sind {Amounts.Money.FromEuros(unspent)} nicht verbraucht; sie müssen zurückgefordert werden.");
            }

            state = new ReviewState(Accepted, spent, 0m, null, null, null, 0m);
        }
        else
        {
            if (unspent <= 0m)
            {
                throw new InvalidResumeInputException("outcome", "Es ist nichts zurückzufordern; der Nachweis ist ausgeglichen.");
            }

            var reason = ResumeInput.Text(input, "reason");
            var rate = ResumeInput.OptionalAmount(input, "interestRatePercent") ?? 0m;
            var due = FundingTime.EndOf(LegalDeadline.Add(FundingTime.Day(context.Now), Period.Months(1), fund.FederalState));
            state = new ReviewState(Reclaim, spent, unspent, $"{application.ApplicationId}-R1", reason, due, rate);
        }

        FundingVariables.Write(context, FundingVariables.Review, state);
        return ActivityResult.Outcome(outcome);
    }
}
