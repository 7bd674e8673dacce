using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// Publishes the step's domain event (e.g. <c>ApplicationApproved</c>) and a <c>SendEmail</c> command to the applicant
/// through the outbox. Both are built from the workflow variables the earlier steps set; they leave the process only
/// after the step is committed.
/// </summary>
[Activity("Foerderworkflow.Funding.NotifyApplicant", "Förderung", "Antragsteller benachrichtigen",
    "Veröffentlicht das Ereignis des Schritts (z. B. Bewilligung) und schickt der Antragstellerin eine E-Mail nach Vorlage.")]
public sealed class NotifyApplicantActivity : Activity
{
    /// <summary>The events this step can publish, with the e-mail template each uses by default.</summary>
    public static IReadOnlyDictionary<string, string> DefaultTemplates { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(ApplicationSubmitted)] = "Eingangsbestaetigung",
        [nameof(ChangeRequested)] = "Nachforderung",
        [nameof(PutToVote)] = "Tagesordnung",
        [nameof(VoteClosed)] = "Votum",
        [nameof(ApplicationApproved)] = "Bewilligung",
        [nameof(ApplicationRejected)] = "Ablehnung",
        [nameof(GrantAccepted)] = "Bestandskraft",
        [nameof(ProofOfUseDue)] = "VerwendungsnachweisFaellig",
        [nameof(ProofOfUseOverdue)] = "VerwendungsnachweisMahnung",
        [nameof(ProofOfUseAccepted)] = "VerwendungsnachweisGeprueft",
        [nameof(ReclaimRaised)] = "Rueckforderung",
        [nameof(ApplicationClosed)] = "Abschluss",
    };

    [Input(DisplayName = "Ereignis", Description = "Das Ereignis des Schritts, z. B. ApplicationApproved.", UIHint = "dropdown", Required = true,
        Options = [nameof(ApplicationSubmitted), nameof(ChangeRequested), nameof(PutToVote), nameof(VoteClosed), nameof(ApplicationApproved), nameof(ApplicationRejected),
            nameof(GrantAccepted), nameof(ProofOfUseDue), nameof(ProofOfUseOverdue), nameof(ProofOfUseAccepted), nameof(ReclaimRaised), nameof(ApplicationClosed)])]
    public Input<string> Event { get; set; } = null!;

    [Input(DisplayName = "E-Mail-Vorlage", Description = "Name der Vorlage; leer: die Standardvorlage des Ereignisses.", UIHint = "singleline")]
    public Input<string> Template { get; set; } = null!;

    [Input(DisplayName = "Ohne E-Mail", Description = "Nur das Ereignis veröffentlichen, keine E-Mail senden.", UIHint = "checkbox")]
    public Input<bool> SuppressEmail { get; set; } = null!;

    public override IEnumerable<string> Validate()
    {
        if (Event?.Expression is Engine.Expressions.LiteralExpression { Value: JsonValue value } && value.TryGetValue(out string? name) && !DefaultTemplates.ContainsKey(name))
        {
            yield return $"Unbekanntes Ereignis '{name}'.";
        }
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var eventName = context.Get(Event) ?? throw new InvalidOperationException($"'{Id}': no event given.");
        if (!DefaultTemplates.TryGetValue(eventName, out var defaultTemplate))
        {
            throw new InvalidOperationException($"'{Id}': unknown event '{eventName}'.");
        }

        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["fileNumber"] = application.FileNumber,
            ["title"] = application.Title,
            ["applicantName"] = application.ApplicantName,
            ["fund"] = fund.Name,
        };
        var message = Build(context, eventName, application, fund, values);
        context.Publish(eventName, message);

        if (!(!SuppressEmail.IsEmpty && context.Get(SuppressEmail)))
        {
            var template = Template.IsEmpty ? defaultTemplate : context.Get(Template) ?? defaultTemplate;
            context.Publish(nameof(SendEmail), FundingVariables.ToJson(new SendEmail
            {
                ApplicationId = application.ApplicationId,
                Fund = fund.Id,
                BudgetYear = application.BudgetYear,
                RequestedAt = context.Now,
                To = application.ApplicantEmail,
                Template = template,
                Values = values,
            }));
        }

        return ActivityResult.Done;
    }

    private static JsonObject Build(ActivityContext context, string eventName, ApplicationCase application, FundSettings fund, Dictionary<string, string> values)
    {
        var id = application.ApplicationId;
        var year = application.BudgetYear;
        var now = context.Now;
        switch (eventName)
        {
            case nameof(ApplicationSubmitted):
                values["requestedAmount"] = Format(application.RequestedAmount);
                return FundingVariables.ToJson(new ApplicationSubmitted
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, FileNumber = application.FileNumber,
                    ApplicantName = application.ApplicantName, ApplicantEmail = application.ApplicantEmail, Title = application.Title,
                    RequestedAmount = MoneyAmount.Euro(application.RequestedAmount),
                });
            case nameof(ChangeRequested):
                var request = FundingVariables.Read<ChangeRequestState>(context, FundingVariables.ChangeRequest);
                values["reason"] = request.Reason;
                values["replyDeadline"] = Format(request.ReplyDeadlineDay);
                return FundingVariables.ToJson(new ChangeRequested
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ChangeRequestId = request.ChangeRequestId,
                    Reason = request.Reason, ReplyDeadline = request.ReplyDeadline,
                });
            case nameof(PutToVote):
                var routing = FundingVariables.Read<RoutingState>(context, FundingVariables.Routing);
                var at = routing.MeetingAt ?? routing.ClosingAt ?? now;
                values["committee"] = routing.Body;
                values["meetingAt"] = Format(FundingTime.Day(at));
                return FundingVariables.ToJson(new PutToVote
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, Committee = routing.Body, MeetingAt = at, AgendaItem = routing.AgendaItem,
                });
            case nameof(VoteClosed):
                var resolution = FundingVariables.Read<ResolutionState>(context, FundingVariables.Resolution);
                values["outcome"] = resolution.Outcome;
                return FundingVariables.ToJson(new VoteClosed
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, VotesFor = resolution.VotesFor, VotesAgainst = resolution.VotesAgainst,
                    Abstentions = resolution.Abstentions, Carried = resolution.Outcome is CommitteeVoteActivity.Recommend or CommitteeVoteActivity.RecommendWithConditions,
                });
            case nameof(ApplicationApproved):
                var approval = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
                values["approvedAmount"] = Format(approval.Amount ?? 0m);
                values["appealDeadline"] = Format(FundingTime.Day(approval.AppealDeadline));
                return FundingVariables.ToJson(new ApplicationApproved
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DecisionId = approval.DecisionId,
                    ApprovedAmount = MoneyAmount.Euro(approval.Amount ?? 0m), Conditions = approval.Conditions,
                });
            case nameof(ApplicationRejected):
                var rejection = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
                values["reasons"] = string.Join("\n", rejection.Reasons);
                values["appealDeadline"] = Format(FundingTime.Day(rejection.AppealDeadline));
                return FundingVariables.ToJson(new ApplicationRejected
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DecisionId = rejection.DecisionId,
                    Reasons = rejection.Reasons, AppealDeadline = rejection.AppealDeadline,
                });
            case nameof(GrantAccepted):
                var accepted = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
                var acceptance = FundingVariables.Read<AcceptanceState>(context, FundingVariables.Acceptance);
                values["proofOfUseDue"] = Format(FundingTime.Day(ProofOfUseActivity.DueAt(application, fund)));
                return FundingVariables.ToJson(new GrantAccepted
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DecisionId = accepted.DecisionId, SignedBy = acceptance.SignedBy,
                });
            case nameof(ProofOfUseDue):
                var due = FundingVariables.TryRead<ProofOfUseState>(context, FundingVariables.ProofOfUse)?.DueAt ?? ProofOfUseActivity.DueAt(application, fund);
                values["dueAt"] = Format(FundingTime.Day(due.AddTicks(-1)));
                return FundingVariables.ToJson(new ProofOfUseDue { ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DueAt = due });
            case nameof(ProofOfUseOverdue):
                var overdue = FundingVariables.Read<ProofOfUseState>(context, FundingVariables.ProofOfUse);
                values["dueAt"] = Format(FundingTime.Day(overdue.DueAt.AddTicks(-1)));
                return FundingVariables.ToJson(new ProofOfUseOverdue
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DueAt = overdue.DueAt, ReminderLevel = Math.Max(1, overdue.ReminderLevel),
                });
            case nameof(ProofOfUseAccepted):
                var review = FundingVariables.Read<ReviewState>(context, FundingVariables.Review);
                values["spentAmount"] = Format(review.SpentAmount);
                values["unspentAmount"] = Format(review.UnspentAmount);
                return FundingVariables.ToJson(new ProofOfUseAccepted
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now,
                    SpentAmount = MoneyAmount.Euro(review.SpentAmount), UnspentAmount = MoneyAmount.Euro(review.UnspentAmount),
                });
            case nameof(ReclaimRaised):
                var reclaim = FundingVariables.Read<ReviewState>(context, FundingVariables.Review);
                var reclaimDue = reclaim.ReclaimDueAt ?? throw new InvalidOperationException("The review raised no reclaim.");
                values["amount"] = Format(reclaim.UnspentAmount);
                values["dueAt"] = Format(FundingTime.Day(reclaimDue.AddTicks(-1)));
                values["reason"] = reclaim.Reason ?? string.Empty;
                return FundingVariables.ToJson(new ReclaimRaised
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ReclaimId = reclaim.ReclaimId ?? $"{id}-R1",
                    Amount = MoneyAmount.Euro(reclaim.UnspentAmount), DueAt = reclaimDue, InterestRatePercent = reclaim.InterestRatePercent, Reason = reclaim.Reason ?? string.Empty,
                });
            case nameof(ApplicationClosed):
                var decision = FundingVariables.TryRead<DecisionState>(context, FundingVariables.Decision);
                var closingReview = FundingVariables.TryRead<ReviewState>(context, FundingVariables.Review);
                var final = decision?.Outcome == "Approved" ? (closingReview is null ? decision.Amount ?? 0m : (decision.Amount ?? 0m) - closingReview.UnspentAmount) : 0m;
                values["finalAmount"] = Format(final);
                return FundingVariables.ToJson(new ApplicationClosed { ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, FinalAmount = MoneyAmount.Euro(final) });
            default:
                throw new InvalidOperationException($"Unknown event '{eventName}'.");
        }
    }

    private static string Format(decimal euros) => Money.FromEuros(euros).ToString();

    private static string Format(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
