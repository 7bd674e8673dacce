using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// A change of the cost plan after approval. Within the tolerance of ANBest-P 1.2 (no line more than 20 % over, overruns
/// covered by savings) it needs no approval: the step takes it over and leaves through <c>NotRequired</c> at once.
/// Otherwise the office approves it (the changed cost lines replace the approved ones) or rejects it with reasons.
/// </summary>
[OutcomeLabel("Approved", "Genehmigt")]
[OutcomeLabel("Rejected", "Abgelehnt")]
[OutcomeLabel("NotRequired", "Nicht erforderlich")]
[Activity("Foerderworkflow.Funding.ChangeReview", "Förderung", "Änderungsantrag prüfen",
    "Prüft eine Änderung des Kostenplans nach der Bewilligung: innerhalb von 20 % je Position ohne Zustimmung, sonst entscheidet das Amt.",
    Outcomes = [Approved, Rejected, NotRequired], RequiredOutcomes = [Approved, Rejected, NotRequired])]
public sealed class ChangeReviewActivity : FundingTaskActivity
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string NotRequired = "NotRequired";

    public override ActivityResult Execute(ActivityContext context)
    {
        var (changes, open) = OpenChange(context);
        if (!open.RequiresApproval)
        {
            Take(context, changes, open with { Status = ChangeEntry.NotRequired, DecidedAt = context.Now });
            return ActivityResult.Outcome(NotRequired);
        }

        return Wait(context, "office", "Änderungsantrag entscheiden", data: new JsonObject
        {
            ["changeId"] = open.ChangeId,
            ["reason"] = open.Reason,
            ["findings"] = new JsonArray([.. open.Findings.Select(f => (JsonNode)f)]),
        });
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var outcome = ReadOutcome(resumption, Approved, Rejected);
        var (changes, open) = OpenChange(context);
        if (outcome == Approved)
        {
            Take(context, changes, open with { Status = ChangeEntry.Approved, DecidedAt = context.Now, Reasons = ResumeInput.Strings(resumption.Input, "conditions") });
        }
        else
        {
            var reasons = ResumeInput.Strings(resumption.Input, "reasons");
            if (reasons.Count == 0)
            {
                throw new InvalidResumeInputException("reasons", "Eine Ablehnung des Änderungsantrags muss begründet werden.");
            }

            FundingVariables.Write(context, FundingVariables.Changes, changes.With(open with { Status = ChangeEntry.Rejected, Reasons = reasons, DecidedAt = context.Now }));
        }

        return ActivityResult.Outcome(outcome);
    }

    /// <summary>Records the change as valid: its cost lines become the plan later changes are measured against.</summary>
    private static void Take(ActivityContext context, ChangesState changes, ChangeEntry entry)
    {
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        FundingVariables.Write(context, FundingVariables.Application, application with { CostLines = entry.CostLines });
        FundingVariables.Write(context, FundingVariables.Changes, changes.With(entry));
    }

    private (ChangesState Changes, ChangeEntry Open) OpenChange(ActivityContext context)
    {
        var changes = FundingVariables.TryRead<ChangesState>(context, FundingVariables.Changes);
        return changes?.Open is { } open
            ? (changes, open)
            : throw new InvalidOperationException($"'{Id}': there is no open change; the project step before must record one.");
    }
}
