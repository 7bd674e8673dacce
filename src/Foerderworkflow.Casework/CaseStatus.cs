using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Casework;

/// <summary>
/// Where a case stands, derived from the step it waits at and the results it recorded — the same facts the store's
/// register is projected from, read straight from the instance so an action's answer is never behind its commit.
/// </summary>
public static class CaseStatus
{
    public static ApplicationStatus Of(CaseFile file, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            return Finished(file);
        }

        var steps = file.OpenTasks.Select(t => t.Step).ToHashSet(StringComparer.Ordinal);
        if (steps.Contains(FundingSteps.Repayment))
        {
            return file.Read<RepaymentState>(FundingVariables.Repayment) is { } repayment && (repayment.Overdue || repayment.ReminderLevel > 0)
                ? ApplicationStatus.RepaymentOverdue
                : ApplicationStatus.ReclaimRaised;
        }

        if (steps.Contains(FundingSteps.ProjectExecution) || steps.Contains(FundingSteps.PayoutReview) || steps.Contains(FundingSteps.ChangeReview))
        {
            return ApplicationStatus.GrantAccepted;
        }

        if (steps.Contains(FundingSteps.ProofOfUseReview))
        {
            return ApplicationStatus.ProofOfUseSubmitted;
        }

        if (steps.Contains(FundingSteps.ProofOfUse))
        {
            var proof = file.Read<ProofOfUseState>(FundingVariables.ProofOfUse);
            return proof?.Overdue == true ? ApplicationStatus.ProofOfUseOverdue
                : file.Read<ProjectEndState>(FundingVariables.ProjectEnd) is not null || FundingTime.Day(now) > file.Application.ProjectEnd ? ApplicationStatus.ProofOfUseDue
                : ApplicationStatus.GrantAccepted;
        }

        return steps switch
        {
            _ when steps.Contains(FundingSteps.GrantAcceptance) => ApplicationStatus.Approved,
            _ when steps.Contains(FundingSteps.OfficeDecision) => ApplicationStatus.AwaitingDecision,
            _ when steps.Contains(FundingSteps.CommitteeVote) => ApplicationStatus.InVote,
            _ when steps.Contains(FundingSteps.Routing) => ApplicationStatus.Reviewed,
            _ when steps.Contains(FundingSteps.Resubmission) => ApplicationStatus.ChangesRequested,
            _ => ApplicationStatus.Submitted,
        };
    }

    /// <summary>The German word the applicant reads for a status.</summary>
    public static string Text(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "Eingereicht",
        ApplicationStatus.ChangesRequested => "Nachforderung",
        ApplicationStatus.Reviewed => "Formal geprüft",
        ApplicationStatus.InVote => "Zur Abstimmung gestellt",
        ApplicationStatus.AwaitingDecision => "Entscheidung des Amts ausstehend",
        ApplicationStatus.Approved => "Bewilligt",
        ApplicationStatus.Rejected => "Abgelehnt",
        ApplicationStatus.GrantAccepted => "Bestandskräftig",
        ApplicationStatus.ProofOfUseDue => "Verwendungsnachweis fällig",
        ApplicationStatus.ProofOfUseOverdue => "Verwendungsnachweis überfällig",
        ApplicationStatus.ProofOfUseSubmitted => "Verwendungsnachweis eingereicht",
        ApplicationStatus.ReclaimRaised => "Rückforderung erhoben",
        ApplicationStatus.RepaymentOverdue => "Rückzahlung überfällig",
        ApplicationStatus.Closed => "Abgeschlossen",
        ApplicationStatus.Withdrawn => "Zurückgezogen",
        _ => status.ToString(),
    };

    private static ApplicationStatus Finished(CaseFile file)
    {
        if (file.Read<WithdrawalState>(FundingVariables.Withdrawal) is not null)
        {
            return ApplicationStatus.Withdrawn;
        }

        if (file.Read<ReviewState>(FundingVariables.Review) is { } review)
        {
            return review.Outcome == ProofOfUseReviewActivity.Reclaim && file.Read<RepaymentState>(FundingVariables.Repayment)?.PaidOn is null
                ? ApplicationStatus.ReclaimRaised
                : ApplicationStatus.Closed;
        }

        return file.Read<DecisionState>(FundingVariables.Decision)?.Outcome == "Rejected" ? ApplicationStatus.Rejected : ApplicationStatus.Closed;
    }
}
