using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Reminders;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The grant becomes final: the applicant signs the agreement, or waives the appeal, or the one-month appeal period
/// lapses (a timer at the end of the appeal deadline). Money may flow only after this step. The fund's reminder ladder
/// (<see cref="ReminderSettings.GrantSigning"/>, by default a week before the appeal deadline) asks for the signature,
/// each rung with an e-mail and <c>GrantSigningDue</c>.
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

    public override ActivityResult Execute(ActivityContext context)
    {
        var decision = FundingVariables.Read<DecisionState>(context, FundingVariables.Decision);
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

    private static ReminderLadder LadderOf(FundSettings fund) => fund.Reminders?.GrantSigning ?? ReminderLadder.None;

    /// <summary>The last day of the appeal period (its end is 24:00 of that day).</summary>
    private static DateOnly DeadlineDay(DecisionState decision) => FundingTime.Day(decision.AppealDeadline.AddTicks(-1));
}
