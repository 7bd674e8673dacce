using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Payouts;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The running project: the applicant requests a payout (six-week rule, never above grant minus paid), submits a
/// change of the cost plan, or reports the project's end; at 24:00 of the project end day a timer ends it. One request
/// at a time: the flowchart leads each request through the office's step and back here, so the loop lasts until the
/// project ends. Reached again after the end day it leaves through <c>ProjectEnded</c> at once.
/// </summary>
[OutcomeLabel("PayoutRequested", "Mittelabruf")]
[OutcomeLabel("ChangeRequested", "Änderungsantrag")]
[OutcomeLabel("ProjectEnded", "Projekt beendet")]
[Activity("Foerderworkflow.Funding.ProjectExecution", "Förderung", "Projektdurchführung",
    "Während des Projekts: Mittel abrufen (Sechs-Wochen-Regel), Änderungen des Kostenplans beantragen oder das Projektende melden; endet spätestens um 24 Uhr des Projektendes.",
    Outcomes = [PayoutRequested, ChangeRequested, ProjectEnded], RequiredOutcomes = [PayoutRequested, ChangeRequested, ProjectEnded])]
public sealed class ProjectExecutionActivity : FundingTaskActivity
{
    public const string PayoutRequested = "PayoutRequested";
    public const string ChangeRequested = "ChangeRequested";
    public const string ProjectEnded = "ProjectEnded";

    public override ActivityResult Execute(ActivityContext context)
    {
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var endsAt = FundingTime.EndOf(application.ProjectEnd);
        if (context.Now >= endsAt)
        {
            // An office step that took past the end day: the project is over, no new request can come.
            FundingVariables.Write(context, FundingVariables.ProjectEnd, new ProjectEndState(application.ProjectEnd, "date", context.Now));
            return ActivityResult.Outcome(ProjectEnded);
        }

        var grant = Grant(context);
        var paid = FundingVariables.TryRead<PayoutsState>(context, FundingVariables.Payouts)?.Paid ?? 0m;
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        return Wait(context, "applicant", "Projekt durchführen: Mittel abrufen, Änderung beantragen oder Projektende melden", endsAt, new JsonObject
        {
            ["grant"] = grant,
            ["paid"] = paid,
            ["payable"] = Math.Max(0m, grant - paid),
            ["payoutHorizon"] = fund.PayoutHorizon.ToString(),
            ["projectEnd"] = application.ProjectEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        if (resumption.ByTimer)
        {
            FundingVariables.Write(context, FundingVariables.ProjectEnd, new ProjectEndState(application.ProjectEnd, "date", context.Now));
            return ActivityResult.Outcome(ProjectEnded);
        }

        var outcome = ReadOutcome(resumption, PayoutRequested, ChangeRequested, ProjectEnded);
        switch (outcome)
        {
            case PayoutRequested:
                RequestPayout(context, resumption.Input, application);
                break;
            case ChangeRequested:
                SubmitChange(context, resumption.Input, application);
                break;
            default:
                var today = FundingTime.Day(context.Now);
                var endedOn = ResumeInput.OptionalDay(resumption.Input, "endedOn") ?? today;
                if (endedOn > today)
                {
                    throw new InvalidResumeInputException("endedOn", "Das Projektende kann erst gemeldet werden, wenn es erreicht ist.");
                }

                if (application.ProjectStart is { } start && endedOn < start)
                {
                    throw new InvalidResumeInputException("endedOn", "Das Projekt kann nicht vor seinem Beginn enden.");
                }

                // An earlier end brings the proof of use forward: it is due the fund's period after the actual end.
                FundingVariables.Write(context, FundingVariables.Application, application with { ProjectEnd = endedOn < application.ProjectEnd ? endedOn : application.ProjectEnd });
                FundingVariables.Write(context, FundingVariables.ProjectEnd, new ProjectEndState(endedOn, "applicant", context.Now));
                break;
        }

        return ActivityResult.Outcome(outcome);
    }

    /// <summary>The approved amount (after approved changes).</summary>
    internal static decimal Grant(ActivityContext context) =>
        FundingVariables.Read<DecisionState>(context, FundingVariables.Decision).Amount ?? 0m;

    private static void RequestPayout(ActivityContext context, JsonObject input, ApplicationCase application)
    {
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var payouts = FundingVariables.TryRead<PayoutsState>(context, FundingVariables.Payouts) ?? new PayoutsState();
        var amount = ResumeInput.Amount(input, "amount");
        var expenditures = ReadExpenditures(input);
        var request = new PayoutRequest
        {
            RequestedOn = FundingTime.Day(context.Now),
            Amount = Money.FromEuros(amount),
            Expenditures = [.. expenditures.Select(e => new PlannedExpenditure(e.DueOn, Money.FromEuros(e.Amount), e.Description))],
            UnspentFromEarlierPayouts = Money.FromEuros(ResumeInput.OptionalAmount(input, "unspentFromEarlierPayouts") ?? 0m),
        };
        if (PayoutRules.Validate(request, Money.FromEuros(Grant(context)), Money.FromEuros(payouts.Paid), fund.PayoutHorizon) is [var error, ..] errors)
        {
            throw new InvalidResumeInputException(error.Field, string.Join(" ", errors.Select(e => e.Message)));
        }

        var entry = new PayoutEntry
        {
            PayoutId = $"{application.ApplicationId}-A{payouts.Entries.Count + 1}",
            RequestedAmount = request.Amount.Euros,
            Expenditures = expenditures,
            RequestedAt = context.Now,
            Status = PayoutEntry.Requested,
        };
        FundingVariables.Write(context, FundingVariables.Payouts, payouts.With(entry));
    }

    private static List<PlannedExpense> ReadExpenditures(JsonObject input)
    {
        if (input["expenditures"] is not JsonArray array)
        {
            throw new InvalidResumeInputException("expenditures", "Bitte die Ausgaben angeben, für die das Geld benötigt wird (Liste mit dueOn, amount, description).");
        }

        var list = new List<PlannedExpense>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                throw new InvalidResumeInputException($"expenditures[{i}]", "Ausgabe mit dueOn, amount und description erwartet.");
            }

            var dueOn = ResumeInput.OptionalDay(item, "dueOn", $"expenditures[{i}].dueOn") ?? throw new InvalidResumeInputException($"expenditures[{i}].dueOn", "Angabe fehlt.");
            var amount = ResumeInput.OptionalAmount(item, "amount", $"expenditures[{i}].amount") ?? throw new InvalidResumeInputException($"expenditures[{i}].amount", "Angabe fehlt.");
            list.Add(new PlannedExpense(dueOn, amount, ResumeInput.OptionalText(item, "description", $"expenditures[{i}].description")));
        }

        return list;
    }

    private static void SubmitChange(ActivityContext context, JsonObject input, ApplicationCase application)
    {
        var changes = FundingVariables.TryRead<ChangesState>(context, FundingVariables.Changes) ?? new ChangesState();
        var reason = ResumeInput.Text(input, "reason");
        var lines = ResumeInput.CostLines(input, "costLines");
        var (required, findings) = ChangeAssessment.Assess(application.CostLines, lines);
        FundingVariables.Write(context, FundingVariables.Changes, changes.With(new ChangeEntry
        {
            ChangeId = $"{application.ApplicationId}-AE{changes.Entries.Count + 1}",
            Reason = reason,
            CostLines = lines,
            RequiresApproval = required,
            Findings = findings,
            SubmittedAt = context.Now,
            Status = ChangeEntry.Submitted,
        }));
    }
}
