using System.Globalization;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Applications;

/// <summary>
/// The arithmetic and the limits of a cost and financing plan: positive cost lines, no negative funds, the requested
/// amount equals the gap, the own share reaches the fund's minimum, and the cap holds unless a reason is given.
/// </summary>
public static class CostPlanRules
{
    public static IReadOnlyList<ValidationError> Validate(CostAndFinancingPlan plan, Fund fund, string? capExceptionReason, string field = "costPlan")
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(fund);
        var errors = new ErrorCollector();
        var lines = plan.Lines ?? [];
        if (lines.Count == 0)
        {
            errors.Add($"{field}.lines", "Der Kostenplan braucht mindestens eine Kostenposition.");
        }
        else if (lines.Count > ApplicationLimits.CostLineCount)
        {
            errors.Add($"{field}.lines", $"Der Kostenplan darf höchstens {ApplicationLimits.CostLineCount} Kostenpositionen haben.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            errors.Text($"{field}.lines[{i}].description", lines[i].Description, ApplicationLimits.CostLineDescriptionLength, "Die Bezeichnung der Kostenposition");
            if (!lines[i].Amount.IsPositive)
            {
                errors.Add($"{field}.lines[{i}].amount", "Der Betrag einer Kostenposition muss größer als 0 € sein.");
            }
        }

        if (plan.OwnFunds.IsNegative)
        {
            errors.Add($"{field}.ownFunds", "Die Eigenmittel dürfen nicht negativ sein.");
        }

        if (plan.ThirdPartyFunds.IsNegative)
        {
            errors.Add($"{field}.thirdPartyFunds", "Die Drittmittel dürfen nicht negativ sein.");
        }

        if (!plan.RequestedAmount.IsPositive)
        {
            errors.Add($"{field}.requestedAmount", "Der beantragte Betrag muss größer als 0 € sein.");
        }

        if (errors.HasErrors)
        {
            return errors.Errors;
        }

        if (plan.RequestedAmount != plan.FundingGap)
        {
            errors.Add($"{field}.requestedAmount",
                $"Der beantragte Betrag ({plan.RequestedAmount}) muss der Finanzierungslücke entsprechen: Gesamtkosten {plan.TotalCosts} − Eigenmittel {plan.OwnFunds} − Drittmittel {plan.ThirdPartyFunds} = {plan.FundingGap}.");
        }

        var minimumOwnFunds = MinimumOwnFunds(plan.TotalCosts, fund.MinimumOwnShare);
        if (plan.OwnFunds < minimumOwnFunds)
        {
            errors.Add($"{field}.ownFunds",
                $"Der Eigenanteil beträgt {Percent(plan.OwnShare)}; der Fonds verlangt mindestens {Percent(fund.MinimumOwnShare)} der Gesamtkosten, also mindestens {minimumOwnFunds}.");
        }

        errors.AddRange(CapRule(plan.RequestedAmount, fund, capExceptionReason, $"{field}.requestedAmount", "capExceptionReason"));
        return errors.Errors;
    }

    /// <summary>The least own funds that reach <paramref name="minimumShare"/> of <paramref name="totalCosts"/>, rounded up to the cent.</summary>
    public static Money MinimumOwnFunds(Money totalCosts, decimal minimumShare) =>
        Money.FromEuros(Math.Ceiling(totalCosts.Euros * minimumShare * 100m) / 100m);

    /// <summary>An amount above the fund's cap needs a written reason (and one of reasonable length).</summary>
    internal static IEnumerable<ValidationError> CapRule(Money amount, Fund fund, string? capExceptionReason, string amountField, string reasonField)
    {
        if (amount > fund.CapPerProject && string.IsNullOrWhiteSpace(capExceptionReason))
        {
            yield return new ValidationError(amountField,
                $"Der Betrag von {amount} übersteigt die Förderhöchstgrenze des Fonds von {fund.CapPerProject}; eine Ausnahme braucht eine schriftliche Begründung.");
        }

        if (capExceptionReason is { Length: > ApplicationLimits.CapExceptionReasonLength })
        {
            yield return new ValidationError(reasonField, $"Die Begründung darf höchstens {ApplicationLimits.CapExceptionReasonLength} Zeichen lang sein.");
        }
    }

    internal static string Percent(decimal share) =>
        (share * 100m).ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',') + " %";
}
