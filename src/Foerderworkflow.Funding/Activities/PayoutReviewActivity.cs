using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The office decides on the open payout request: order it (the requested amount or less, paid on a value date) —
/// the paid total grows and withdrawal is no longer possible — or refuse it with reasons.
/// </summary>
[OutcomeLabel("Ordered", "Angewiesen")]
[OutcomeLabel("Refused", "Abgelehnt")]
[Activity("Foerderworkflow.Funding.PayoutReview", "Förderung", "Mittelabruf prüfen",
    "Das Amt ordnet die Auszahlung an (höchstens der abgerufene Betrag) oder lehnt den Mittelabruf mit Begründung ab.",
    Outcomes = [Ordered, Refused], RequiredOutcomes = [Ordered, Refused])]
public sealed class PayoutReviewActivity : FundingTaskActivity
{
    public const string Ordered = "Ordered";
    public const string Refused = "Refused";

    public override ActivityResult Execute(ActivityContext context)
    {
        var open = OpenRequest(context);
        return Wait(context, "office", "Mittelabruf prüfen und Auszahlung anordnen", data: new JsonObject
        {
            ["payoutId"] = open.PayoutId,
            ["requestedAmount"] = open.RequestedAmount,
        });
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var outcome = ReadOutcome(resumption, Ordered, Refused);
        var input = resumption.Input;
        var payouts = FundingVariables.Read<PayoutsState>(context, FundingVariables.Payouts);
        var open = OpenRequest(context);
        PayoutEntry decided;
        if (outcome == Ordered)
        {
            var amount = ResumeInput.OptionalAmount(input, "amount") ?? open.RequestedAmount;
            if (amount <= 0m || amount > open.RequestedAmount)
            {
                throw new InvalidResumeInputException("amount", $"Angeordnet werden können mehr als 0 € und höchstens die abgerufenen {Amounts.Money.FromEuros(open.RequestedAmount)}.");
            }

            var grant = ProjectExecutionActivity.Grant(context);
            if (payouts.Paid + amount > grant)
            {
                // The grant may have been lowered by a change since the request.
                throw new InvalidResumeInputException("amount", $"Mit dieser Auszahlung würden mehr als die bewilligten {Amounts.Money.FromEuros(grant)} ausgezahlt.");
            }

            var today = FundingTime.Day(context.Now);
            var payOn = ResumeInput.OptionalDay(input, "payOn") ?? today;
            if (payOn < today)
            {
                throw new InvalidResumeInputException("payOn", "Der Auszahlungstag darf nicht in der Vergangenheit liegen.");
            }

            var latest = LatestPayOn(context, today);
            if (payOn > latest)
            {
                // Reclaim interest runs from the last pay day and the e-mail promises it: a far-off day would keep the case open for ever.
                throw new InvalidResumeInputException("payOn", $"Der Auszahlungstag darf höchstens der {latest:dd.MM.yyyy} sein (im Haushaltsjahr und innerhalb des Zeitraums für Mittelabrufe).");
            }

            decided = open with { Status = PayoutEntry.Ordered, OrderedAmount = Amounts.Money.FromEuros(amount).Euros, PayOn = payOn, DecidedAt = context.Now };
        }
        else
        {
            var reasons = ResumeInput.Strings(input, "reasons");
            if (reasons.Count == 0)
            {
                throw new InvalidResumeInputException("reasons", "Eine Ablehnung des Mittelabrufs muss begründet werden.");
            }

            decided = open with { Status = PayoutEntry.Refused, Reasons = reasons, DecidedAt = context.Now };
        }

        FundingVariables.Write(context, FundingVariables.Payouts, payouts.With(decided));
        return ActivityResult.Outcome(outcome);
    }

    /// <summary>
    /// The latest value date an order may name: within the fund's payout horizon from today and within the budget year;
    /// once that year is over (a late order), only today.
    /// </summary>
    private static DateOnly LatestPayOn(ActivityContext context, DateOnly today)
    {
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var year = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application).BudgetYear;
        var horizonEnd = fund.PayoutHorizon.AddTo(today);
        var yearEnd = year is >= 1 and < 9999 ? new DateOnly(year, 12, 31) : today;
        var latest = horizonEnd < yearEnd ? horizonEnd : yearEnd;
        return latest < today ? today : latest;
    }

    private PayoutEntry OpenRequest(ActivityContext context) =>
        FundingVariables.TryRead<PayoutsState>(context, FundingVariables.Payouts)?.Open
        ?? throw new InvalidOperationException($"'{Id}': there is no open payout request; the project step before must record one.");
}
