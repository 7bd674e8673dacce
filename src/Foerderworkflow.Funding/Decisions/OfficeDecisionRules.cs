using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Decisions;

/// <summary>
/// The limits of the office's binding decision (it may deviate from the committee's recommendation): an approval is
/// positive, at most the requested amount, at most the fund's cap unless a written reason is given, and at most what
/// is left of the budget year; an approval the committee did not recommend, or of less than was requested, states
/// why (<c>deviationReason</c>), since the deviation is part of the decision the KuF and the applicant read; a
/// rejection states its reasons.
/// </summary>
public static class OfficeDecisionRules
{
    public const int MaxReasonLength = 4_000;

    /// <param name="recommendation">The committee's recommendation; null where no committee voted (a small project).</param>
    /// <param name="deviationReason">Why the office deviates from the recommendation or approves less than requested.</param>
    public static IReadOnlyList<ValidationError> ValidateApproval(
        Fund fund, Money requested, Money approved, string? capExceptionReason, Money remainingBudget, ResolutionOutcome? recommendation = null, string? deviationReason = null)
    {
        ArgumentNullException.ThrowIfNull(fund);
        var errors = new ErrorCollector();
        if (!approved.IsPositive)
        {
            errors.Add("amount", "Der bewilligte Betrag muss größer als 0 € sein.");
            return errors.Errors;
        }

        if (approved > requested)
        {
            errors.Add("amount", $"Es darf höchstens der beantragte Betrag von {requested} bewilligt werden.");
        }

        errors.AddRange(CostPlanRules.CapRule(approved, fund, capExceptionReason, "amount", "capExceptionReason"));
        if (approved > remainingBudget)
        {
            errors.Add("amount", $"Im Haushaltsjahr sind nur noch {Money.Max(remainingBudget, Money.Zero)} verfügbar.");
        }

        var reasonGiven = !string.IsNullOrWhiteSpace(deviationReason);
        if (recommendation is ResolutionOutcome.Reject or ResolutionOutcome.Defer && !reasonGiven)
        {
            errors.Add("deviationReason", "Das Gremium hat den Antrag nicht empfohlen. Eine Bewilligung gegen sein Votum braucht eine schriftliche Begründung.");
        }
        else if (approved < requested && !reasonGiven)
        {
            errors.Add("deviationReason", $"Bewilligt werden soll weniger als der beantragte Betrag von {requested}. Eine Teilbewilligung braucht eine Begründung.");
        }

        errors.Text("deviationReason", deviationReason, MaxReasonLength, "Die Begründung", required: false);
        return errors.Errors;
    }

    public static IReadOnlyList<ValidationError> ValidateRejection(IReadOnlyList<string>? reasons)
    {
        var errors = new ErrorCollector();
        var given = reasons ?? [];
        if (!given.Any(r => !string.IsNullOrWhiteSpace(r)))
        {
            errors.Add("reasons", "Eine Ablehnung muss begründet werden.");
        }

        for (var i = 0; i < given.Count; i++)
        {
            errors.Text($"reasons[{i}]", given[i], MaxReasonLength, "Die Begründung", required: false);
        }

        return errors.Errors;
    }
}
