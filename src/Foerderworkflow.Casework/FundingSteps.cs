using System.Reflection;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Casework;

/// <summary>
/// The waiting steps of the funding workflows as they appear in a task's <c>step</c> (the activity's type name), read
/// from the activity classes so a renamed type cannot silently break the API.
/// </summary>
public static class FundingSteps
{
    public static readonly string FormalReview = TypeNameOf<FormalReviewActivity>();
    public static readonly string Resubmission = TypeNameOf<AwaitResubmissionActivity>();
    public static readonly string Routing = TypeNameOf<RouteApplicationActivity>();
    public static readonly string CommitteeVote = TypeNameOf<CommitteeVoteActivity>();
    public static readonly string OfficeDecision = TypeNameOf<OfficeDecisionActivity>();
    public static readonly string GrantAcceptance = TypeNameOf<GrantAcceptanceActivity>();
    public static readonly string ProofOfUse = TypeNameOf<ProofOfUseActivity>();
    public static readonly string ProofOfUseReview = TypeNameOf<ProofOfUseReviewActivity>();
    public static readonly string ProjectExecution = TypeNameOf<ProjectExecutionActivity>();
    public static readonly string PayoutReview = TypeNameOf<PayoutReviewActivity>();
    public static readonly string ChangeReview = TypeNameOf<ChangeReviewActivity>();
    public static readonly string Withdrawal = TypeNameOf<WithdrawalActivity>();
    public static readonly string Repayment = TypeNameOf<RepaymentActivity>();

    /// <summary>Steps open beside the main path (the applicant may, but need not, act); not part of "what happens next".</summary>
    public static bool IsOption(string step) => step == Withdrawal;

    /// <summary>The API actions that complete a step, relative to <c>/api/applications/{id}</c>; empty for steps without one.</summary>
    public static IReadOnlyList<string> ActionsOf(OpenTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Step == ProjectExecution)
        {
            return ["payout-requests", "change-requests", "project-end"];
        }

        if (task.Step == PayoutReview)
        {
            return task.Data?["payoutId"] is System.Text.Json.Nodes.JsonValue id && id.TryGetValue(out string? payoutId) ? [$"payouts/{payoutId}/approval"] : [];
        }

        return Actions.TryGetValue(task.Step, out var action) ? [action] : [];
    }

    /// <summary>What the step is called in a German sentence ("wartet auf …").</summary>
    public static string Describe(string step) => Descriptions.GetValueOrDefault(step) ?? "einen weiteren Schritt";

    /// <summary>"Formale Prüfung abgeschlossen" for a step done with its outcome, as a case's history shows it; null for steps that are not funding steps.</summary>
    public static string? Done(string step, string outcome) => (step, outcome) switch
    {
        _ when step == FormalReview => outcome switch
        {
            "ChangeRequested" => "Formale Prüfung: Unterlagen nachgefordert",
            "Inadmissible" => "Formale Prüfung: Antrag unzulässig",
            _ => "Formale Prüfung abgeschlossen",
        },
        _ when step == Resubmission => "Nachforderung beantwortet",
        _ when step == Routing => "Dem Gremium zur Abstimmung zugeleitet",
        _ when step == CommitteeVote => "Abstimmung des Gremiums abgeschlossen",
        _ when step == OfficeDecision => outcome == "Reject" || outcome == "Rejected" ? "Antrag abgelehnt" : "Über den Antrag entschieden",
        _ when step == GrantAcceptance => "Zuwendung angenommen",
        _ when step == ProjectExecution => outcome switch
        {
            "PayoutRequested" => "Mittel abgerufen",
            "ChangeRequested" => "Änderung beantragt",
            _ => "Projektende gemeldet",
        },
        _ when step == PayoutReview => "Mittelabruf geprüft",
        _ when step == ChangeReview => "Über die Änderung entschieden",
        _ when step == ProofOfUse => "Verwendungsnachweis eingereicht",
        _ when step == ProofOfUseReview => "Verwendungsnachweis geprüft",
        _ when step == Withdrawal => "Antrag zurückgezogen",
        _ when step == Repayment => "Rückzahlung eingegangen",
        _ => null,
    };

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        [FormalReview] = "formal-review",
        [Resubmission] = "resubmission",
        [Routing] = "routing",
        [CommitteeVote] = "votes",
        [OfficeDecision] = "decision",
        [GrantAcceptance] = "grant-acceptance",
        [ProofOfUse] = "proof-of-use",
        [ProofOfUseReview] = "proof-of-use-review",
        [ChangeReview] = "change-review",
        [Withdrawal] = "withdrawal",
        [Repayment] = "repayments",
    };

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [FormalReview] = "die formale Prüfung durch die KuF",
        [Resubmission] = "die Antwort auf die Nachforderung",
        [Routing] = "die Zuleitung an das Gremium durch die KuF",
        [CommitteeVote] = "die Abstimmung des Gremiums",
        [OfficeDecision] = "die Entscheidung des Amts",
        [GrantAcceptance] = "die Annahme der Zuwendung oder den Verzicht auf Widerspruch",
        [ProofOfUse] = "den Verwendungsnachweis",
        [ProofOfUseReview] = "die Prüfung des Verwendungsnachweises durch das Amt",
        [ProjectExecution] = "einen Mittelabruf, einen Änderungsantrag oder die Meldung des Projektendes",
        [PayoutReview] = "die Prüfung eines Mittelabrufs durch das Amt",
        [ChangeReview] = "die Entscheidung des Amts über einen Änderungsantrag",
        [Withdrawal] = "einen Rückzug (nur bis zur ersten Auszahlung möglich)",
        [Repayment] = "den Eingang der Rückzahlung",
    };

    private static string TypeNameOf<T>()
        where T : Activity =>
        typeof(T).GetCustomAttribute<ActivityAttribute>()?.TypeName ?? throw new InvalidOperationException($"{typeof(T).Name} has no [Activity].");
}
