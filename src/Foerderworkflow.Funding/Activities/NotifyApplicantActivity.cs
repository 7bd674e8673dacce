using System.Globalization;
using System.Text.Json;
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
    /// <summary>
    /// The events this step can publish, with the e-mail template each uses by default; <c>null</c>: the applicant gets
    /// no e-mail for the event (docs/DOMAIN "The process": the vote is only a recommendation and the binding decision
    /// follows with its own e-mail; an accepted proof of use is followed at once by the closing or the reclaim e-mail;
    /// payout requests are answered by the payout order's e-mail, repayments by the closing e-mail). Accepting the grant,
    /// a withdrawal, an approved or refused change, a deferred vote and a received proof of use get a message: the applicant has it in writing, and learns of an act
    /// done in their name that they did not do.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> DefaultTemplates { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [nameof(ApplicationSubmitted)] = EmailTemplates.Eingangsbestaetigung,
        [nameof(ChangeRequested)] = EmailTemplates.Nachforderung,
        [nameof(PutToVote)] = EmailTemplates.Tagesordnung,
        [nameof(VoteClosed)] = null,
        [nameof(VoteDeferred)] = EmailTemplates.Vertagung,
        [nameof(ApplicationApproved)] = EmailTemplates.Bewilligung,
        [nameof(ApplicationRejected)] = EmailTemplates.Ablehnung,
        [nameof(GrantAccepted)] = EmailTemplates.Annahmebestaetigung,
        [nameof(ProofOfUseDue)] = EmailTemplates.VerwendungsnachweisErinnerung,
        [nameof(ProofOfUseOverdue)] = EmailTemplates.VerwendungsnachweisMahnung,
        [nameof(ProofOfUseSubmitted)] = EmailTemplates.VerwendungsnachweisEingang,
        [nameof(ProofOfUseAccepted)] = null,
        [nameof(ReclaimRaised)] = EmailTemplates.Rueckforderung,
        [nameof(ApplicationClosed)] = EmailTemplates.Abschluss,
        [nameof(PayoutRequested)] = null,
        [nameof(PayoutOrdered)] = EmailTemplates.Auszahlung,
        [nameof(ChangeApproved)] = EmailTemplates.Aenderungsgenehmigung,
        [nameof(ChangeRejected)] = EmailTemplates.Aenderungsablehnung,
        [nameof(ApplicationWithdrawn)] = EmailTemplates.Rueckzugsbestaetigung,
        [nameof(RepaymentDue)] = EmailTemplates.RueckzahlungErinnerung,
        [nameof(RepaymentOverdue)] = EmailTemplates.RueckzahlungMahnung,
        [nameof(Repaid)] = null,
    };

    [Input(DisplayName = "Ereignis", Description = "Das Ereignis des Schritts, z. B. ApplicationApproved.", UIHint = "dropdown", Required = true,
        Options = [nameof(ApplicationSubmitted), nameof(ChangeRequested), nameof(PutToVote), nameof(VoteClosed), nameof(VoteDeferred), nameof(ApplicationApproved), nameof(ApplicationRejected),
            nameof(GrantAccepted), nameof(ProofOfUseDue), nameof(ProofOfUseOverdue), nameof(ProofOfUseSubmitted), nameof(ProofOfUseAccepted), nameof(ReclaimRaised), nameof(ApplicationClosed),
            nameof(PayoutRequested), nameof(PayoutOrdered), nameof(ChangeApproved), nameof(ChangeRejected), nameof(ApplicationWithdrawn), nameof(RepaymentDue), nameof(RepaymentOverdue), nameof(Repaid)])]
    public Input<string> Event { get; set; } = null!;

    [Input(DisplayName = "E-Mail-Vorlage", Description = "Name der Vorlage; leer: die Standardvorlage des Ereignisses (bei manchen Ereignissen keine E-Mail).", UIHint = "singleline")]
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
        var template = Template.IsEmpty ? null : context.Get(Template);
        var suppress = !SuppressEmail.IsEmpty && context.Get(SuppressEmail);
        var (message, email) = Compose(Id, eventName, string.IsNullOrWhiteSpace(template) ? null : template, suppress, context.GetVariable, context.Now);
        context.Publish(eventName, message);

        // The Bescheid of a decision is issued here, in the burst that announces it: stored with the commit, attached to the e-mail.
        if (CaseDocuments.Issue(context, eventName) is { } document)
        {
            context.Publish(nameof(DocumentIssued), FundingVariables.ToJson(document.Event));
            if (email is not null && document.Entry.Notice.Path != Decisions.NotificationPath.PortalRetrieval)
            {
                email = email with
                {
                    Attachments = [new EmailAttachment(document.Event.FileName, CaseDocuments.ContentType, document.Event.Content)],
                    Values = new Dictionary<string, string>(email.Values, StringComparer.Ordinal) { [EmailFields.Anhang] = document.Event.FileName },
                };
            }
        }

        if (email is not null)
        {
            context.Publish(nameof(SendEmail), FundingVariables.ToJson(email));
        }

        return ActivityResult.Done;
    }

    /// <summary>
    /// The event and the applicant's e-mail (<c>null</c>: none) the step publishes for <paramref name="eventName"/>,
    /// built from the workflow variables <paramref name="variable"/> returns. The e-mail uses <paramref name="template"/>
    /// or the event's default template, with values keyed by <see cref="EmailFields"/> in machine formats.
    /// </summary>
    public static (JsonObject Event, SendEmail? Email) Compose(
        string step, string eventName, string? template, bool suppressEmail, Func<string, JsonNode?> variable, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!DefaultTemplates.TryGetValue(eventName, out var defaultTemplate))
        {
            throw new InvalidOperationException($"'{step}': unknown event '{eventName}'.");
        }

        var variables = new Variables(step, variable);
        var application = variables.Read<ApplicationCase>(FundingVariables.Application);
        var fund = variables.Read<FundSettings>(FundingVariables.Fund);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EmailFields.Aktenzeichen] = application.FileNumber,
            [EmailFields.Foerderprogramm] = fund.Name,
            [EmailFields.Projekttitel] = application.Title,
        };
        var message = Build(variables, eventName, application, fund, values, now);
        if (eventName is nameof(ApplicationApproved) or nameof(ApplicationRejected) or nameof(ChangeRejected) or nameof(ChangeApproved) or nameof(ReclaimRaised))
        {
            // The Belehrung of the fund, the same words as in the Bescheid (RemedyNotice).
            values[EmailFields.Rechtsbehelfsbelehrung] = fund.RemedyNotice();
        }

        // A written procedure has no session to invite to: its e-mail says how and until when the members vote. A grant
        // that became final because the appeal period lapsed was not accepted by anyone: its e-mail says so.
        template ??= eventName switch
        {
            nameof(PutToVote) when IsWrittenProcedure(variables.Read<RoutingState>(FundingVariables.Routing)) => EmailTemplates.Umlaufverfahren,
            nameof(GrantAccepted) when variables.Read<AcceptanceState>(FundingVariables.Acceptance).Outcome == GrantAcceptanceActivity.AppealPeriodLapsed => EmailTemplates.Bestandskraft,
            _ => defaultTemplate,
        };
        if (suppressEmail || template is null)
        {
            return (message, null);
        }

        return (message, new SendEmail
        {
            ApplicationId = application.ApplicationId,
            Fund = fund.Id,
            BudgetYear = application.BudgetYear,
            RequestedAt = now,
            To = application.ApplicantEmail,
            Template = template,
            Values = values,
        });
    }

    private static bool IsWrittenProcedure(RoutingState routing) => routing.Procedure == "WrittenProcedure";

    private static JsonObject Build(Variables context, string eventName, ApplicationCase application, FundSettings fund, Dictionary<string, string> values, DateTimeOffset now)
    {
        var id = application.ApplicationId;
        var year = application.BudgetYear;
        switch (eventName)
        {
            case nameof(ApplicationSubmitted):
                return FundingVariables.ToJson(new ApplicationSubmitted
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, FileNumber = application.FileNumber,
                    ApplicantName = application.ApplicantName, ApplicantEmail = application.ApplicantEmail, Title = application.Title,
                    RequestedAmount = MoneyAmount.Euro(application.RequestedAmount),
                });
            case nameof(ChangeRequested):
                var request = context.Read<ChangeRequestState>(FundingVariables.ChangeRequest);
                values[EmailFields.Nachforderungen] = request.Reason;
                values[EmailFields.Antwortfrist] = Format(request.ReplyDeadlineDay);
                return FundingVariables.ToJson(new ChangeRequested
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ChangeRequestId = request.ChangeRequestId,
                    Reason = request.Reason, ReplyDeadline = request.ReplyDeadline,
                });
            case nameof(PutToVote):
                var routing = context.Read<RoutingState>(FundingVariables.Routing);
                var at = routing.MeetingAt ?? routing.ClosingAt ?? now;
                values[EmailFields.Gremium] = routing.Body;
                values[IsWrittenProcedure(routing) ? EmailFields.Abstimmungsende : EmailFields.Sitzungstermin] = at.ToString("O", CultureInfo.InvariantCulture);
                if (routing.Place is { } place)
                {
                    values[EmailFields.Sitzungsort] = place;
                }

                return FundingVariables.ToJson(new PutToVote
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, Committee = routing.Body, MeetingAt = at, AgendaItem = routing.AgendaItem,
                    Procedure = routing.Procedure, Place = routing.Place,
                });
            case nameof(VoteClosed):
                var resolution = context.Read<ResolutionState>(FundingVariables.Resolution);
                return FundingVariables.ToJson(new VoteClosed
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, VotesFor = resolution.VotesFor, VotesAgainst = resolution.VotesAgainst,
                    Abstentions = resolution.Abstentions, Carried = resolution.Outcome is CommitteeVoteActivity.Recommend or CommitteeVoteActivity.RecommendWithConditions,
                });
            case nameof(VoteDeferred):
                var deferredAt = context.Read<RoutingState>(FundingVariables.Routing);
                var deferral = context.Read<ResolutionState>(FundingVariables.Resolution).Deferral ?? ResolutionState.Deferred;
                values[EmailFields.Gremium] = deferredAt.Body;
                values[EmailFields.Gruende] = deferral switch
                {
                    nameof(Committee.DeferralReason.NoQuorum) => "Es haben nicht genug stimmberechtigte Mitglieder teilgenommen; das Gremium war nicht beschlussfähig.",
                    nameof(Committee.DeferralReason.Objection) => "Ein Mitglied hat dem schriftlichen Umlaufverfahren widersprochen; der Antrag wird deshalb in einer Sitzung beraten.",
                    _ => "Das Gremium hat die Beratung auf eine spätere Sitzung verschoben.",
                };
                return FundingVariables.ToJson(new VoteDeferred
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, Committee = deferredAt.Body, Reason = deferral,
                });
            case nameof(ApplicationApproved):
                var approval = context.Read<DecisionState>(FundingVariables.Decision);
                values[EmailFields.Betrag] = Format(approval.Amount ?? 0m);
                values[EmailFields.Auflagen] = string.Join("\n", approval.Conditions);
                values[EmailFields.Frist] = Format(FundingTime.Day(approval.AppealDeadline.AddTicks(-1)));
                return FundingVariables.ToJson(new ApplicationApproved
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DecisionId = approval.DecisionId,
                    ApprovedAmount = MoneyAmount.Euro(approval.Amount ?? 0m), Conditions = approval.Conditions,
                    Recommendation = approval.Recommendation, DeviationReason = approval.DeviationReason,
                    FileNumber = application.FileNumber, CostCentre = fund.CostCentre, Payee = PayeeOf(application),
                });
            case nameof(ApplicationRejected):
                var rejection = context.Read<DecisionState>(FundingVariables.Decision);
                values[EmailFields.Gruende] = string.Join("\n", rejection.Reasons);
                return FundingVariables.ToJson(new ApplicationRejected
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DecisionId = rejection.DecisionId,
                    Reasons = rejection.Reasons, AppealDeadline = rejection.AppealDeadline,
                });
            case nameof(GrantAccepted):
                var accepted = context.Read<DecisionState>(FundingVariables.Decision);
                var acceptance = context.Read<AcceptanceState>(FundingVariables.Acceptance);
                return FundingVariables.ToJson(new GrantAccepted
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DecisionId = accepted.DecisionId, SignedBy = acceptance.SignedBy,
                });
            case nameof(ProofOfUseDue):
                var due = context.TryRead<ProofOfUseState>(FundingVariables.ProofOfUse)?.DueAt ?? ProofOfUseActivity.DueAt(application, fund);
                values[EmailFields.Faelligkeit] = Format(FundingTime.Day(due.AddTicks(-1)));
                return FundingVariables.ToJson(new ProofOfUseDue { ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DueAt = due });
            case nameof(ProofOfUseOverdue):
                var overdue = context.Read<ProofOfUseState>(FundingVariables.ProofOfUse);
                values[EmailFields.Faelligkeit] = Format(FundingTime.Day(overdue.DueAt.AddTicks(-1)));
                return FundingVariables.ToJson(new ProofOfUseOverdue
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, DueAt = overdue.DueAt, ReminderLevel = Math.Max(1, overdue.ReminderLevel),
                });
            case nameof(ProofOfUseAccepted):
                var review = context.Read<ReviewState>(FundingVariables.Review);
                return FundingVariables.ToJson(new ProofOfUseAccepted
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now,
                    SpentAmount = MoneyAmount.Euro(review.SpentAmount), UnspentAmount = MoneyAmount.Euro(review.UnspentAmount),
                });
            case nameof(ReclaimRaised):
                var (reclaim, reclaimId, reclaimDue) = Reclaim(context, id, values);
                values[EmailFields.Gruende] = reclaim.Reason ?? string.Empty;
                return FundingVariables.ToJson(new ReclaimRaised
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ReclaimId = reclaimId,
                    Amount = MoneyAmount.Euro(reclaim.Reclaimed), DueAt = reclaimDue, InterestRatePercent = reclaim.InterestRatePercent, Reason = reclaim.Reason ?? string.Empty,
                });
            case nameof(RepaymentDue):
                var (open, openId, openDue) = Reclaim(context, id, values);
                return FundingVariables.ToJson(new RepaymentDue
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ReclaimId = openId,
                    Amount = MoneyAmount.Euro(open.Reclaimed), DueAt = openDue,
                });
            case nameof(RepaymentOverdue):
                var (unpaid, unpaidId, unpaidDue) = Reclaim(context, id, values);
                var dunning = context.TryRead<RepaymentState>(FundingVariables.Repayment) ?? new RepaymentState();
                return FundingVariables.ToJson(new RepaymentOverdue
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ReclaimId = unpaidId,
                    Amount = MoneyAmount.Euro(unpaid.Reclaimed), DueAt = unpaidDue, ReminderLevel = Math.Max(1, dunning.ReminderLevel),
                });
            case nameof(PayoutRequested):
                var requested = context.Read<PayoutsState>(FundingVariables.Payouts).Entries[^1];
                return FundingVariables.ToJson(new PayoutRequested
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, PayoutId = requested.PayoutId, Amount = MoneyAmount.Euro(requested.RequestedAmount),
                });
            case nameof(PayoutOrdered):
                var ordered = context.Read<PayoutsState>(FundingVariables.Payouts).Entries.Last(e => e.Status == PayoutEntry.Ordered);
                var payOn = ordered.PayOn ?? FundingTime.Day(now);
                values[EmailFields.Betrag] = Format(ordered.OrderedAmount ?? 0m);
                values[EmailFields.Auszahlungsdatum] = Format(payOn);
                return FundingVariables.ToJson(new PayoutOrdered
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, PayoutId = ordered.PayoutId,
                    Amount = MoneyAmount.Euro(ordered.OrderedAmount ?? 0m), PayOn = FundingTime.StartOf(payOn),
                    DecisionId = context.TryRead<DecisionState>(FundingVariables.Decision)?.DecisionId,
                    FileNumber = application.FileNumber, CostCentre = fund.CostCentre, Payee = PayeeOf(application),
                });
            case nameof(ChangeApproved):
                var change = context.Read<ChangesState>(FundingVariables.Changes).Entries[^1];
                return FundingVariables.ToJson(new ChangeApproved
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ChangeRequestId = change.ChangeId,
                    Description = change.Reason,
                });
            case nameof(ChangeRejected):
                var refused = context.Read<ChangesState>(FundingVariables.Changes).Entries[^1];
                values[EmailFields.Gruende] = string.Join("\n", refused.Reasons);
                return FundingVariables.ToJson(new ChangeRejected
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ChangeRequestId = refused.ChangeId, Reasons = refused.Reasons,
                });
            case nameof(ProofOfUseSubmitted):
                var proof = context.Read<ProofOfUseState>(FundingVariables.ProofOfUse);
                values[EmailFields.Betrag] = Format(proof.SpentAmount ?? 0m);
                return FundingVariables.ToJson(new ProofOfUseSubmitted
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, SpentAmount = MoneyAmount.Euro(proof.SpentAmount ?? 0m), Late = proof.Overdue,
                });
            case nameof(ApplicationWithdrawn):
                var withdrawal = context.TryRead<WithdrawalState>(FundingVariables.Withdrawal);
                return FundingVariables.ToJson(new ApplicationWithdrawn { ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, Reason = withdrawal?.Reason });
            case nameof(Repaid):
                var repaidReview = context.Read<ReviewState>(FundingVariables.Review);
                var repayment = context.Read<RepaymentState>(FundingVariables.Repayment);
                return FundingVariables.ToJson(new Repaid
                {
                    ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, ReclaimId = ReclaimIdOf(repaidReview, id),
                    Amount = MoneyAmount.Euro(repayment.AmountReceived ?? 0m),
                });
            case nameof(ApplicationClosed):
                var decision = context.TryRead<DecisionState>(FundingVariables.Decision);
                var closingReview = context.TryRead<ReviewState>(FundingVariables.Review);
                var final = decision?.Outcome == "Approved" ? (closingReview is null ? decision.Amount ?? 0m : (decision.Amount ?? 0m) - closingReview.UnspentAmount) : 0m;
                return FundingVariables.ToJson(new ApplicationClosed { ApplicationId = id, Fund = fund.Id, BudgetYear = year, OccurredAt = now, FinalAmount = MoneyAmount.Euro(final) });
            default:
                throw new InvalidOperationException($"Unknown event '{eventName}'.");
        }
    }

    /// <summary>The reclaim the proof-of-use review raised, its id and due moment; puts its amount and due day into the e-mail values.</summary>
    private static (ReviewState Review, string ReclaimId, DateTimeOffset DueAt) Reclaim(Variables context, string applicationId, Dictionary<string, string> values)
    {
        var review = context.Read<ReviewState>(FundingVariables.Review);
        var dueAt = review.ReclaimDueAt ?? throw new InvalidOperationException("The review raised no reclaim.");
        values[EmailFields.Betrag] = Format(review.Reclaimed);
        values[EmailFields.Faelligkeit] = Format(FundingTime.Day(dueAt.AddTicks(-1)));
        return (review, ReclaimIdOf(review, applicationId), dueAt);
    }

    /// <summary>A review from before reclaim ids were recorded has the first reclaim of its application.</summary>
    private static Payee? PayeeOf(ApplicationCase application) =>
        application.Payee is { } payee ? new Payee { Name = payee.Name, Iban = payee.Iban, Bic = payee.Bic } : null;

    private static string ReclaimIdOf(ReviewState review, string applicationId) => review.ReclaimId ?? $"{applicationId}-R1";

    /// <summary>Money for <see cref="SendEmail.Values"/>: euros as an invariant decimal, e.g. <c>1234.56</c>.</summary>
    private static string Format(decimal euros) => Math.Round(euros, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A day for <see cref="SendEmail.Values"/>: ISO, e.g. <c>2026-03-15</c>.</summary>
    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The workflow variables of the instance, read as <see cref="FundingVariables"/> does.</summary>
    private sealed class Variables(string step, Func<string, JsonNode?> variable)
    {
        public T Read<T>(string name)
            where T : class =>
            TryRead<T>(name) ?? throw new InvalidOperationException($"The workflow variable '{name}' is not set; the step before '{step}' must set it.");

        public T? TryRead<T>(string name)
            where T : class =>
            variable(name) is { } node ? node.Deserialize<T>(FundingVariables.Json) : null;
    }
}
