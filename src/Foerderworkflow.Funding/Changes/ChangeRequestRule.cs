using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Changes;

/// <summary>
/// When spending may deviate from the approved plan without an amended decision (ANBest-P 1.2): a cost line may be
/// exceeded by up to 20 % if savings on other lines cover it. A change request is needed when a line is exceeded by
/// more than the tolerance, or when the overruns are not covered by savings elsewhere (total costs rise).
/// </summary>
public static class ChangeRequestRule
{
    public const decimal DefaultTolerance = 0.20m;

    /// <param name="approved">The approved plan.</param>
    /// <param name="actualOrExpected">Actual or now expected amount per line, in the plan's order.</param>
    /// <param name="tolerance">Permitted overrun per line, 0.20 = 20 %.</param>
    public static ChangeRequestAssessment Assess(CostAndFinancingPlan approved, IReadOnlyList<Money> actualOrExpected, decimal tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(actualOrExpected);
        if (actualOrExpected.Count != approved.Lines.Count)
        {
            throw new ArgumentException($"Expected {approved.Lines.Count} amounts, one per cost line.", nameof(actualOrExpected));
        }

        var reasons = new List<ValidationError>();
        for (var i = 0; i < approved.Lines.Count; i++)
        {
            var planned = approved.Lines[i].Amount;
            var actual = actualOrExpected[i];
            var limit = planned.Times(1m + tolerance);
            if (actual > limit)
            {
                reasons.Add(new ValidationError($"costPlan.lines[{i}].amount",
                    $"„{approved.Lines[i].Description}“ überschreitet den Ansatz von {planned} um mehr als {CostPlanRules.Percent(tolerance)} ({actual}, zulässig bis {limit}); dafür ist ein Änderungsantrag nötig."));
            }
        }

        var overrun = Money.Sum(approved.Lines.Select((line, i) => Money.Max(Money.Zero, actualOrExpected[i] - line.Amount)));
        var savings = Money.Sum(approved.Lines.Select((line, i) => Money.Max(Money.Zero, line.Amount - actualOrExpected[i])));
        if (overrun > savings)
        {
            reasons.Add(new ValidationError("costPlan.lines",
                $"Die Mehrausgaben von {overrun} sind nicht durch Einsparungen bei anderen Positionen ({savings}) gedeckt; dafür ist ein Änderungsantrag nötig."));
        }

        return new ChangeRequestAssessment(reasons.Count > 0, reasons);
    }
}
