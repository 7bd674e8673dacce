using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Reclaims;
using Foerderworkflow.Funding.Reminders;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The office records the repayment of a reclaim: the amount received on a day must cover the reclaimed amount plus
/// interest per § 49a (3) VwVfG (base rate + 5 points per year, act/365, from the last payout until the day before
/// payment; the base rates come from the fund's settings). When the due date (24:00 of the reclaim's due day) passes
/// first, the step leaves through <c>Overdue</c> once and, reached again, waits flagged as overdue without a timer.
/// </summary>
/// <remarks>
/// With the fund's reminder ladder (<see cref="ReminderSettings.ReclaimRepayment"/>, by default a week before, on the
/// day, dunning after 14 and 28 days) each rung sends the applicant its e-mail and <c>RepaymentDue</c> /
/// <c>RepaymentOverdue</c> once while the office's task stays open; the escalating rung, instead of the due date,
/// leaves through <c>Overdue</c>. A recorded payment cancels the rungs still ahead.
/// </remarks>
[OutcomeLabel("Repaid", "Zurückgezahlt")]
[OutcomeLabel("Overdue", "Überfällig")]
[Activity("Foerderworkflow.Funding.Repayment", "Förderung", "Rückzahlung erfassen",
    "Das Amt erfasst die Rückzahlung (Rückforderung zuzüglich Zinsen nach § 49a Abs. 3 VwVfG); nach Ablauf der Zahlungsfrist wird sie als überfällig markiert.",
    Outcomes = [Repaid, Overdue], RequiredOutcomes = [Repaid, Overdue])]
public sealed class RepaymentActivity : FundingTaskActivity
{
    public const string Repaid = "Repaid";
    public const string Overdue = "Overdue";

    public const string Title = "Zahlungseingang der Rückforderung erfassen";
    public const string OverdueTitle = "Rückzahlung überfällig: Zahlungseingang erfassen oder mahnen";

    private static readonly RungNotices Notices = new(nameof(RepaymentDue), nameof(RepaymentOverdue), EmailTemplates.RueckzahlungErinnerung, EmailTemplates.RueckzahlungFaelligHeute, EmailTemplates.RueckzahlungMahnung);

    public override ActivityResult Execute(ActivityContext context)
    {
        var review = FundingVariables.Read<ReviewState>(context, FundingVariables.Review);
        var state = FundingVariables.TryRead<RepaymentState>(context, FundingVariables.Repayment) ?? new RepaymentState();
        var data = new JsonObject
        {
            ["reclaimId"] = review.ReclaimId,
            ["principal"] = review.Reclaimed,
            ["interestFrom"] = review.InterestFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["dueAt"] = review.ReclaimDueAt,
            ["overdue"] = state.Overdue,
        };
        if (state.Overdue)
        {
            return Wait(context, OfficeRole, OverdueTitle, data: data);
        }

        var ladder = LadderOf(FundingVariables.Read<FundSettings>(context, FundingVariables.Fund));
        if (ladder.IsEmpty || review.ReclaimDueAt is not { } dueAt)
        {
            return Wait(context, OfficeRole, Title, review.ReclaimDueAt, data);
        }

        // The due date is carried by the rungs; the office's task itself has no timer.
        var task = TaskBookmark(context, OfficeRole, Title, dueAt, data, timer: false);
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        return new ActivityResult.Suspended([task, .. ReminderBookmarks.Requests(this, application, ladder, DueDayOf(dueAt), context.Now)]);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        var state = FundingVariables.TryRead<RepaymentState>(context, FundingVariables.Repayment) ?? new RepaymentState();
        if (ReminderBookmarks.IsRung(resumption))
        {
            return Remind(context, resumption, state);
        }

        if (resumption.ByTimer)
        {
            // The due date passed and the fund has no ladder, so the applicant gets no e-mail; finance systems still learn of it.
            var (overdue, _) = NotifyApplicantActivity.Compose(Id, nameof(RepaymentOverdue), template: null, suppressEmail: true, context.GetVariable, context.Now);
            context.Publish(nameof(RepaymentOverdue), overdue);
            return LeaveOverdue(context, state);
        }

        var review = FundingVariables.Read<ReviewState>(context, FundingVariables.Review);
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var today = FundingTime.Day(context.Now);
        var paidOn = ResumeInput.OptionalDay(resumption.Input, "paidOn") ?? today;
        var from = review.InterestFrom ?? FundingTime.Day(context.Now);
        if (paidOn > today || paidOn < from)
        {
            throw new InvalidResumeInputException("paidOn", $"Der Zahlungstag muss zwischen dem {from:dd.MM.yyyy} und heute liegen.");
        }

        var interest = Interest(review, fund, paidOn);
        var received = ResumeInput.Amount(resumption.Input, "amount");
        if (received < interest.Total.Euros)
        {
            throw new InvalidResumeInputException("amount",
                $"Zu zahlen sind {interest.Total} ({interest.Principal} Rückforderung und {interest.Interest} Zinsen für {interest.Days} Tage); eingegangen sind {Money.FromEuros(received)}.");
        }

        context.CancelOwnBookmarks();
        FundingVariables.Write(context, FundingVariables.Repayment, state with
        {
            Principal = interest.Principal.Euros,
            Interest = interest.Interest.Euros,
            AmountReceived = received,
            PaidOn = paidOn,
            RecordedAt = context.Now,
        });
        return ActivityResult.Outcome(Repaid);
    }

    private ActivityResult Remind(ActivityContext context, Resumption resumption, RepaymentState state)
    {
        var fund = FundingVariables.Read<FundSettings>(context, FundingVariables.Fund);
        var review = FundingVariables.Read<ReviewState>(context, FundingVariables.Review);
        var ladder = LadderOf(fund);
        var dueDay = DueDayOf(review.ReclaimDueAt ?? throw new InvalidOperationException("A reminder fired for a reclaim without a due date."));
        var rung = ReminderBookmarks.RungOf(resumption, ladder, dueDay);
        if (rung.Kind == ReminderKind.Dunning)
        {
            state = state with { ReminderLevel = rung.DunningLevel };
            FundingVariables.Write(context, FundingVariables.Repayment, state);
        }

        Notices.Publish(context, Id, rung, ladder, dueDay);

        // After the last dunning the office's task is flagged overdue, as the due date itself does without a ladder.
        return rung.Escalates ? LeaveOverdue(context, state) : ActivityResult.Pending;
    }

    private static ActivityResult LeaveOverdue(ActivityContext context, RepaymentState state)
    {
        context.CancelOwnBookmarks();
        FundingVariables.Write(context, FundingVariables.Repayment, state with { Overdue = true });
        return ActivityResult.Outcome(Overdue);
    }

    private static ReminderLadder LadderOf(FundSettings fund) => fund.Reminders?.ReclaimRepayment ?? ReminderLadder.None;

    /// <summary>The due day of a reclaim (its due moment is 24:00 of that day).</summary>
    private static DateOnly DueDayOf(DateTimeOffset dueAt) => FundingTime.Day(dueAt.AddTicks(-1));

    /// <summary>The reclaim with its interest if paid on <paramref name="paidOn"/>.</summary>
    public static InterestCalculation Interest(ReviewState review, FundSettings fund, DateOnly paidOn)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(fund);
        var from = review.InterestFrom ?? paidOn;
        return ReclaimInterest.Compute(Money.FromEuros(review.Reclaimed), from, paidOn, fund.InterestBaseRates());
    }
}
