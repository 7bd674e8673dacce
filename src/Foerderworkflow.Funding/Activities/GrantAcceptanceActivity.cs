using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Activities.BuiltIn;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Reminders;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The grant becomes final: the applicant signs the agreement, or waives the appeal, or the one-month appeal period
/// lapses (a timer at the end of the appeal deadline). Money may flow only after this step. The fund's reminder ladder
/// (<see cref="ReminderSettings.GrantSigning"/>, by default a week before the appeal deadline) asks for the signature,
/// each rung with an e-mail and <c>GrantSigningDue</c>.
/// A Bescheid made known through the portal (§ 41 (2a) VwVfG) is not yet notified when this step starts: the step
/// waits for the event <see cref="DocumentRetrievedEvent"/> (raised when the applicant first downloads it) and only then
/// arms the appeal period from the day after the retrieval; not retrieved within ten days, the office gets a task to
/// make it known another way (<see cref="NotifiedOtherwise"/>: by post or electronically on a day it names).
/// </summary>
[OutcomeLabel("AgreementSigned", "Vertrag unterschrieben")]
[OutcomeLabel("AppealWaived", "Rechtsbehelfsverzicht")]
[OutcomeLabel("AppealPeriodLapsed", "Bestandskräftig")]
[Activity("Foerderworkflow.Funding.GrantAcceptance", "Förderung", "Bescheid bestandskräftig",
    "Wartet, bis die Vereinbarung unterschrieben oder auf Widerspruch verzichtet wird oder die Widerspruchsfrist abgelaufen ist.",
    Outcomes = [AgreementSigned, AppealWaived, AppealPeriodLapsed], RequiredOutcomes = [AgreementSigned, AppealWaived, AppealPeriodLapsed])]
public sealed class GrantAcceptanceActivity : FundingTaskActivity
{
    public const string AgreementSigned = "AgreementSigned";
    public const string AppealWaived = "AppealWaived";
    public const string AppealPeriodLapsed = "AppealPeriodLapsed";

    /// <summary>The event (correlation: the application id) the portal raises when the applicant first retrieves the Bescheid.</summary>
    public const string DocumentRetrievedEvent = "DocumentRetrieved";

    /// <summary>The timer bookmark at the end of the ten days a portal document may wait for its retrieval.</summary>
    public const string RetrievalLapseBookmark = "Foerderworkflow.Funding.RetrievalLapse";

    /// <summary>The result of the office's task after a missed retrieval: the Bescheid was made known another way.</summary>
    public const string NotifiedOtherwise = "NotifiedOtherwise";

    public const string OfficeNotifyTitle = "Bescheid nicht innerhalb von zehn Tagen abgerufen: auf anderem Weg bekannt geben";

    public override ActivityResult Execute(ActivityContext context)
    {
        var decision = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
        if (decision.Notice is { Path: NotificationPath.PortalRetrieval, RetrievedOn: null } pending)
        {
            // Not notified yet: no period runs, so the task shows the latest possible end but arms no timer and no reminder.
            var applicant = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
            return new ActivityResult.Suspended(
            [
                TaskBookmark(context, ApplicantRole, "Zuwendung annehmen oder auf Widerspruch verzichten", decision.AppealDeadline, timer: false),
                new BookmarkRequest(EventActivity.BookmarkName, EventActivity.BookmarkPayload(DocumentRetrievedEvent, applicant.ApplicationId)),
                new BookmarkRequest(RetrievalLapseBookmark, new JsonObject { ["applicationId"] = applicant.ApplicationId }, FundingTime.EndOf(pending.RetrievalLapsesOn)),
            ]);
        }

        var task = TaskBookmark(context, ApplicantRole, "Zuwendung annehmen oder auf Widerspruch verzichten", decision.AppealDeadline);
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var ladder = LadderOf(FundingVariables.Read<FundSettings>(context, FundingVariables.Fund));
        return new ActivityResult.Suspended([task, .. ReminderBookmarks.Requests(this, application, ladder, DeadlineDay(decision), context.Now)]);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        if (ReminderBookmarks.IsRung(resumption))
        {
            var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
            var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
            var decision = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
            var deadline = DeadlineDay(decision);
            ReminderBookmarks.RungOf(resumption, LadderOf(fund), deadline);
            context.Publish(nameof(GrantSigningDue), FundingVariables.ToJson(new GrantSigningDue
            {
                ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = application.BudgetYear, OccurredAt = context.Now,
                DecisionId = decision.DecisionId, DueAt = decision.AppealDeadline,
            }));
            var email = ReminderEmail.Compose(application, fund, EmailTemplates.Unterschriftserinnerung,
                new Dictionary<string, string>(StringComparer.Ordinal) { [EmailFields.Frist] = ReminderEmail.Day(deadline) }, context.Now);
            context.Publish(nameof(SendEmail), FundingVariables.ToJson(email));
            return ActivityResult.Pending;
        }

        if (resumption.BookmarkName == EventActivity.BookmarkName)
        {
            var retrievedAt = resumption.Input["retrievedAt"] is JsonValue at && at.TryGetValue(out DateTimeOffset moment) ? moment : context.Now;
            var decision = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
            return Notified(context, decision.Notice!.Retrieved(FundingTime.Day(retrievedAt)));
        }

        if (resumption.BookmarkName == RetrievalLapseBookmark)
        {
            // § 41 (2a) VwVfG: the office is told and must notify another way; the applicant's task and a late retrieval stay possible.
            return ActivityResult.Suspend(TaskBookmark(context, OfficeRole, OfficeNotifyTitle, timer: false, outcomes: [NotifiedOtherwise]));
        }

        if (IsTaskOf(resumption, OfficeRole))
        {
            ReadOutcome(resumption, NotifiedOtherwise);
            var path = ResumeInput.OptionalText(resumption.Input, "path") switch
            {
                null or nameof(NotificationPath.Post) => NotificationPath.Post,
                nameof(NotificationPath.Electronic) => NotificationPath.Electronic,
                _ => throw new InvalidResumeInputException("path", "Erlaubt sind Post oder Electronic."),
            };
            var sentOn = resumption.Input["sentOn"] is JsonValue day && day.TryGetValue(out string? text) && DateOnly.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : FundingTime.Day(context.Now);
            if (sentOn > FundingTime.Day(context.Now))
            {
                throw new InvalidResumeInputException("sentOn", "Der Tag der Aufgabe zur Post oder der Übermittlung darf nicht in der Zukunft liegen.");
            }

            return Notified(context, new Notification(path, sentOn));
        }

        AcceptanceState state;
        if (resumption.ByTimer)
        {
            state = new AcceptanceState(AppealPeriodLapsed, "Widerspruchsfrist abgelaufen", context.Now);
        }
        else
        {
            var outcome = ReadOutcome(resumption, AgreementSigned, AppealWaived);
            state = new AcceptanceState(outcome, ResumeInput.Text(resumption.Input, "signedBy"), context.Now);
        }

        context.CancelOwnBookmarks();
        FundingVariables.Write(context, FundingVariables.Acceptance, state);
        return ActivityResult.Outcome(state.Outcome);
    }

    /// <summary>The Bescheid is now made known: the appeal period runs from then; the step waits again as for a notified one.</summary>
    private ActivityResult Notified(ActivityContext context, Notification notice)
    {
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var decision = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
        FundingVariables.Write(context, FundingVariables.Decision, decision with { Notice = notice, AppealDeadline = FundingTime.AppealDeadline(notice, fund) });
        context.CancelOwnBookmarks();
        return Execute(context);
    }

    private static ReminderLadder LadderOf(FundSettings fund) => fund.Reminders?.GrantSigning ?? ReminderLadder.None;

    /// <summary>The last day of the appeal period (its end is 24:00 of that day).</summary>
    private static DateOnly DeadlineDay(DecisionState decision) => FundingTime.Day(decision.AppealDeadline.AddTicks(-1));
}
