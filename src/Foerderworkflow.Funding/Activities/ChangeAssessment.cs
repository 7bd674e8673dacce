using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Changes;

namespace Foerderworkflow.Funding.Activities;

/// <summary>Applies <see cref="ChangeRequestRule"/> to the cost lines the workflow carries.</summary>
internal static class ChangeAssessment
{
    /// <summary>Whether the changed plan needs the office's approval, and why.</summary>
    public static (bool Required, IReadOnlyList<string> Findings) Assess(IReadOnlyList<CaseCostLine>? approved, IReadOnlyList<CaseCostLine> changed)
    {
        if (approved is null || approved.Count == 0)
        {
            return (true, ["Kein bewilligter Kostenplan hinterlegt; das Amt entscheidet über jede Änderung."]);
        }

        if (approved.Count != changed.Count)
        {
            throw new Engine.Activities.InvalidResumeInputException("costLines",
                $"Der bewilligte Kostenplan hat {approved.Count} Positionen; bitte für jede den geänderten Betrag angeben (in derselben Reihenfolge).");
        }

        var plan = new CostAndFinancingPlan { Lines = [.. approved.Select(l => new CostLine(l.Description, Money.FromEuros(l.Amount)))] };
        var assessment = ChangeRequestRule.Assess(plan, [.. changed.Select(l => Money.FromEuros(l.Amount))]);
        return (assessment.Required, [.. assessment.Reasons.Select(r => r.Message)]);
    }
}
