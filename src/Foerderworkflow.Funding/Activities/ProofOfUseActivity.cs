using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Reminders;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// Waits for the proof of use (narrative report and the money actually spent), due the fund's period after the
/// project end (§§ 187–193 BGB in the fund's state).
/// </summary>
/// <remarks>
/// With the fund's reminder ladder (<see cref="ReminderSettings.ProofOfUse"/>, by default 14 and 3 days before, on the
/// day, dunning after 7 and 21 days) each rung sends its e-mail and <c>ProofOfUseDue</c> / <c>ProofOfUseOverdue</c>
/// once while the applicant's task stays open; the escalating rung adds a task for the office, whose answer leaves
/// through <c>Overdue</c>. Without a ladder the due date itself leaves through <c>Overdue</c>. Reached again after
/// <c>Overdue</c>, the step waits for the proof alone. A submission cancels the rungs still ahead.
/// </remarks>
[OutcomeLabel("Submitted", "Eingereicht")]
[OutcomeLabel("Overdue", "Überfällig")]
[Activity("Foerderworkflow.Funding.ProofOfUse", "Förderung", "Verwendungsnachweis abwarten",
    "Wartet auf den Verwendungsnachweis (Sachbericht und tatsächliche Ausgaben); fällig die Frist des Fonds nach Projektende. Erinnert und mahnt nach den Stufen des Fonds.",
    Outcomes = [Submitted, Overdue], RequiredOutcomes = [Submitted, Overdue])]
public sealed class ProofOfUseActivity : FundingTaskActivity
{
    public const string Submitted = "Submitted";
    public const string Overdue = "Overdue";
    public const string ApplicantTitle = "Verwendungsnachweis einreichen";
    public const string OfficeTitle = "Verwendungsnachweis trotz Mahnungen nicht eingegangen: weiteres Vorgehen";

    private static readonly RungNotices Notices = new(nameof(ProofOfUseDue), nameof(ProofOfUseOverdue), EmailTemplates.VerwendungsnachweisErinnerung, EmailTemplates.VerwendungsnachweisFaelligHeute, EmailTemplates.VerwendungsnachweisMahnung);

    /// <summary>The due moment: end of the day the fund's proof-of-use period after the project end ends.</summary>
    public static DateTimeOffset DueAt(ApplicationCase application, FundSettings fund)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(fund);
        return FundingTime.EndOf(DueDay(application, fund));
    }

    /// <summary>The last day of the proof-of-use period, moved off weekends and holidays.</summary>
    public static DateOnly DueDay(ApplicationCase application, FundSettings fund)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(fund);
        return FundingTime.Deadline(application.ProjectEnd, FundingTime.ToPeriod(fund.ProofOfUsePeriod), fund.FederalState);
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var state = FundingVariables.TryRead<ProofOfUseState>(context, FundingVariables.ProofOfUse);
        if (state is null)
        {
            state = new ProofOfUseState(DueAt(application, fund), Overdue: false, ReminderLevel: 0, null, null, null);
            FundingVariables.Write(context, FundingVariables.ProofOfUse, state);
        }

        var ladder = LadderOf(fund);
        if (state.Overdue || ladder.IsEmpty)
        {
            return Wait(context, ApplicantRole, ApplicantTitle, state.Overdue ? null : state.DueAt);
        }

        // The due date is carried by the rungs; the task itself has no timer and stays open for a late proof.
        var task = TaskBookmark(context, ApplicantRole, ApplicantTitle, state.DueAt, timer: false);
        var rungs = ReminderBookmarks.Requests(this, application, ladder, DueDayOf(state), context.Now);
        return new ActivityResult.Suspended([task, .. rungs]);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var state = FundingVariables.Read<ProofOfUseState>(context, FundingVariables.ProofOfUse);
        if (ReminderBookmarks.IsRung(resumption))
        {
            return Remind(context, resumption, state);
        }

        if (resumption.ByTimer || IsTaskOf(resumption, OfficeRole))
        {
            // The due date passed without a ladder, or the office took over after the last dunning.
            context.CancelOwnBookmarks();
            FundingVariables.Write(context, FundingVariables.ProofOfUse, state with { Overdue = true, ReminderLevel = state.ReminderLevel + 1 });
            return ActivityResult.Outcome(Overdue);
        }

        var spent = ResumeInput.Amount(resumption.Input, "spentAmount");
        if (spent < 0m)
        {
            throw new InvalidResumeInputException("spentAmount", "Die Ausgaben dürfen nicht negativ sein.");
        }

        var report = ResumeInput.Text(resumption.Input, "report");
        context.CancelOwnBookmarks();
        FundingVariables.Write(context, FundingVariables.ProofOfUse, state with { SpentAmount = spent, Report = report, SubmittedAt = context.Now });
        return ActivityResult.Outcome(Submitted);
    }

    private ActivityResult Remind(ActivityContext context, Resumption resumption, ProofOfUseState state)
    {
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var ladder = LadderOf(fund);
        var dueDay = DueDayOf(state);
        var rung = ReminderBookmarks.RungOf(resumption, ladder, dueDay);
        if (rung.Kind == ReminderKind.Dunning)
        {
            state = state with { ReminderLevel = rung.DunningLevel };
            FundingVariables.Write(context, FundingVariables.ProofOfUse, state);
        }

        Notices.Publish(context, Id, rung, ladder, dueDay);

        if (!rung.Escalates)
        {
            return ActivityResult.Pending;
        }

        // The applicant's task stays open: a late proof is still welcome until the office decides.
        return ActivityResult.Suspend(TaskBookmark(context, OfficeRole, OfficeTitle, state.DueAt, timer: false, outcomes: [Overdue]));
    }

    private static ReminderLadder LadderOf(FundSettings fund) => fund.Reminders?.ProofOfUse ?? ReminderLadder.None;

    private static DateOnly DueDayOf(ProofOfUseState state) => FundingTime.Day(state.DueAt.AddTicks(-1));
}
