using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Payouts;

/// <summary>
/// The six-week rule (ANBest-P 1.4): a payout covers only what is needed within the fund's payout horizon, i.e. the
/// expenses due by the request day plus the horizon, minus money from earlier payouts not yet spent; and all payouts
/// together never exceed the grant.
/// </summary>
public static class PayoutRules
{
    /// <summary>The last day whose expenses a payout requested on <paramref name="requestedOn"/> may cover.</summary>
    public static DateOnly HorizonEnd(DateOnly requestedOn, FundPeriod horizon) => horizon.AddTo(requestedOn);

    /// <summary>The most that may be paid out now.</summary>
    public static Money MaximumPayable(PayoutRequest request, Money grant, Money alreadyPaid, FundPeriod horizon)
    {
        ArgumentNullException.ThrowIfNull(request);
        var end = HorizonEnd(request.RequestedOn, horizon);
        var needed = Money.Sum(request.Expenditures.Where(e => e.DueOn <= end).Select(e => e.Amount)) - request.UnspentFromEarlierPayouts;
        return Money.Max(Money.Zero, Money.Min(needed, grant - alreadyPaid));
    }

    public static IReadOnlyList<ValidationError> Validate(PayoutRequest request, Money grant, Money alreadyPaid, FundPeriod horizon)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ErrorCollector();
        if (!request.Amount.IsPositive)
        {
            errors.Add("amount", "Der abgerufene Betrag muss größer als 0 € sein.");
        }

        if (request.UnspentFromEarlierPayouts.IsNegative)
        {
            errors.Add("unspentFromEarlierPayouts", "Der noch nicht verbrauchte Betrag darf nicht negativ sein.");
        }

        var expenditures = request.Expenditures ?? [];
        if (expenditures.Count == 0)
        {
            errors.Add("expenditures", "Bitte die Ausgaben angeben, für die das Geld benötigt wird.");
        }

        for (var i = 0; i < expenditures.Count; i++)
        {
            if (!expenditures[i].Amount.IsPositive)
            {
                errors.Add($"expenditures[{i}].amount", "Der Betrag einer Ausgabe muss größer als 0 € sein.");
            }
        }

        if (errors.HasErrors)
        {
            return errors.Errors;
        }

        var open = grant - alreadyPaid;
        if (request.Amount > open)
        {
            errors.Add("amount", $"Von der Zuwendung ({grant}) sind bereits {alreadyPaid} ausgezahlt; abrufbar sind höchstens noch {Money.Max(open, Money.Zero)}.");
            return errors.Errors;
        }

        var maximum = MaximumPayable(request, grant, alreadyPaid, horizon);
        if (request.Amount > maximum)
        {
            errors.Add("amount",
                $"Abgerufen werden darf nur, was innerhalb von {horizon} nach dem Abruf (bis {Applications.ApplicationValidator.Day(HorizonEnd(request.RequestedOn, horizon))}) benötigt wird: höchstens {maximum}.");
        }

        return errors.Errors;
    }
}
