using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Deadlines;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The office reviews the proof of use (content and arithmetic). The confirmed spending (by default what the applicant
/// reported) against the payouts decides: nothing paid beyond it → <c>Accepted</c> (less paid than spent: the rest is
/// ordered as the final payout, <c>review.finalPayout</c>); paid beyond it → <c>Reclaim</c> with a
/// reason and a repayment due date (one month, § 193 BGB), interest per § 49a (3) VwVfG (base rate + 5 points, or the rate given).
/// </summary>
[OutcomeLabel("Accepted", "Anerkannt")]
[OutcomeLabel("Reclaim", "Rückforderung")]
[Activity("Foerderworkflow.Funding.ProofOfUseReview", "Förderung", "Verwendungsnachweis prüfen",
    "Das Amt prüft den Verwendungsnachweis inhaltlich und rechnerisch: Abschluss oder Rückforderung nicht verbrauchter Mittel.",
    Outcomes = [Accepted, Reclaim], RequiredOutcomes = [Accepted, Reclaim])]
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

        // The final grant is what was spent, at most the grant (gap financing); paid beyond it comes back. A case from
        // before payouts were recorded (no project step ran) counts the grant as paid in full.
        var finalGrant = Math.Min(spent, grant);
        var unspent = grant - finalGrant;
        var payouts = FundingVariables.TryRead<PayoutsState>(context, FundingVariables.Payouts);
        var paid = payouts?.Paid ?? (FundingVariables.TryRead<ProjectEndState>(context, FundingVariables.ProjectEnd) is null ? grant : 0m);
        var reclaim = Math.Max(0m, paid - finalGrant);
        ReviewState state;
        if (outcome == Accepted)
        {
            if (reclaim > 0m)
            {
                throw new InvalidResumeInputException("outcome", $"Es sind {Amounts.Money.FromEuros(reclaim)} mehr ausgezahlt als verbraucht; sie müssen zurückgefordert werden.");
            }

            // Less paid than finally granted: accepting the proof orders the rest (Schlusszahlung) the same day.
            var balance = finalGrant - paid;
            if (balance > 0m)
            {
                var current = payouts ?? new PayoutsState();
                FundingVariables.Write(context, FundingVariables.Payouts, current.With(new PayoutEntry
                {
                    PayoutId = $"{application.ApplicationId}-A{current.Entries.Count + 1}",
                    RequestedAmount = balance,
                    Expenditures = [],
                    RequestedAt = context.Now,
                    Status = PayoutEntry.Ordered,
                    OrderedAmount = balance,
                    PayOn = FundingTime.Day(context.Now),
                    DecidedAt = context.Now,
                }));
            }

            state = new ReviewState(Accepted, spent, unspent, null, null, null, 0m) { ReclaimAmount = 0m, FinalPayout = Math.Max(0m, balance) };
        }
        else
        {
            if (reclaim <= 0m)
            {
                throw new InvalidResumeInputException("outcome", "Es ist nichts zurückzufordern; es wurde nicht mehr ausgezahlt als verbraucht.");
            }

            var reason = ResumeInput.Text(input, "reason");
            var today = FundingTime.Day(context.Now);
            // Interest runs from the last payout (the money's value date) per § 49a (3) VwVfG.
            var interestFrom = payouts?.Entries.Where(e => e.Status == PayoutEntry.Ordered).Max(e => e.PayOn) ?? today;
            var rate = ResumeInput.OptionalAmount(input, "interestRatePercent") ?? fund.InterestBaseRates().RateOn(today) + Reclaims.ReclaimInterest.SurchargePercentagePoints;
            var due = FundingTime.EndOf(LegalDeadline.Add(today, Period.Months(1), fund.FederalState));
            state = new ReviewState(Reclaim, spent, unspent, $"{application.ApplicationId}-R1", reason, due, rate) { ReclaimAmount = reclaim, InterestFrom = interestFrom };
        }

        FundingVariables.Write(context, FundingVariables.Review, state);
        return ActivityResult.Outcome(outcome);
    }
}
