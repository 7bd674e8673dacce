using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Reclaims;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The office records the repayment of a reclaim: the amount received on a day must cover the reclaimed amount plus
/// interest per § 49a (3) VwVfG (base rate + 5 points per year, act/365, from the last payout until the day before
/// payment; the base rates come from the fund's settings). When the due date (24:00 of the reclaim's due day) passes
/// first, the step leaves through <c>Overdue</c> once and, reached again, waits flagged as overdue without a timer.
/// </summary>
[Activity("Foerderworkflow.Funding.Repayment", "Förderung", "Rückzahlung erfassen",
    "Das Amt erfasst die Rückzahlung (Rückforderung zuzüglich Zinsen nach § 49a Abs. 3 VwVfG); nach Ablauf der Zahlungsfrist wird sie als überfällig markiert.",
    Outcomes = [Repaid, Overdue], RequiredOutcomes = [Repaid, Overdue])]
public sealed class RepaymentActivity : FundingTaskActivity
{
    public const string Repaid = "Repaid";
    public const string Overdue = "Overdue";

    public override ActivityResult Execute(ActivityContext context)
    {
        var review = FundingVariables.Read<ReviewState>(context, FundingVariables.Review);
        var state = FundingVariables.TryRead<RepaymentState>(context, FundingVariables.Repayment) ?? new RepaymentState();
        var data = new JsonObject
        {
            ["reclaimId"] = review.ReclaimId,
            ["principal"] = review.Reclaimed,
            ["interestFrom"] = review.InterestFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["dueAt"] = review.ReclaimDueAt,
            ["overdue"] = state.Overdue,
        };
        return state.Overdue
            ? Wait(context, "office", "Rückzahlung überfällig: Zahlungseingang erfassen oder mahnen", data: data)
            : Wait(context, "office", "Zahlungseingang der Rückforderung erfassen", review.ReclaimDueAt, data);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var state = FundingVariables.TryRead<RepaymentState>(context, FundingVariables.Repayment) ?? new RepaymentState();
        if (resumption.ByTimer)
        {
            FundingVariables.Write(context, FundingVariables.Repayment, state with { Overdue = true });
            return ActivityResult.Outcome(Overdue);
        }

        var review = FundingVariables.Read<ReviewState>(context, FundingVariables.Review);
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var today = FundingTime.Day(context.Now);
        var paidOn = ResumeInput.OptionalDay(resumption.Input, "paidOn") ?? today;
        var from = review.InterestFrom ?? FundingTime.Day(context.Now);
        if (paidOn > today || paidOn < from)
        {
            throw new InvalidResumeInputException("paidOn", $"Der Zahlungstag muss zwischen dem {from:dd.MM.yyyy} und heute liegen.");
        }

        var interest = Interest(review, fund, paidOn);
        var received = ResumeInput.Amount(resumption.Input, "amount");
        if (received < interest.Total.Euros)
        {
            throw new InvalidResumeInputException("amount",
                $"Zu zahlen sind {interest.Total} ({interest.Principal} Rückforderung und {interest.Interest} Zinsen für {interest.Days} Tage); eingegangen sind {Money.FromEuros(received)}.");
        }

        FundingVariables.Write(context, FundingVariables.Repayment, state with
        {
            Principal = interest.Principal.Euros,
            Interest = interest.Interest.Euros,
            AmountReceived = received,
            PaidOn = paidOn,
            RecordedAt = context.Now,
        });
        return ActivityResult.Outcome(Repaid);
    }

    /// <summary>The reclaim with its interest if paid on <paramref name="paidOn"/>.</summary>
    public static InterestCalculation Interest(ReviewState review, FundSettings fund, DateOnly paidOn)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(fund);
        var from = review.InterestFrom ?? paidOn;
        return ReclaimInterest.Compute(Money.FromEuros(review.Reclaimed), from, paidOn, fund.InterestBaseRates());
    }
}
