using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// Keeps the application register and the budget figures in step with the workflow: maps the contract events a burst
/// publishes (and the funding task it then waits at) to SQL that runs in the burst's own transaction. An approval is a
/// gate: the commitment is added only while the year has enough left, else the whole burst is refused with
/// <see cref="BudgetExceededException"/>. Every amount is booked once per outbox message id (<c>funding_bookings</c>),
/// so a replayed projection never counts twice.
/// </summary>
internal sealed class FundingCommitProjection : IBurstCommitProjection
{
    private const string Booked = "SELECT 1 FROM funding_bookings WHERE message_id = @message_id";

    private const string InsertApplication =
        "INSERT INTO funding_applications (application_id, file_number, fund_id, budget_year, title, applicant_subject, applicant_name, status, " +
        "requested_cents, granted_cents, paid_cents, workflow_instance_id, submitted_at, updated_at, application) " +
        "VALUES (@application_id, @file_number, @fund_id, @budget_year, @title, @applicant_subject, @applicant_name, @status, " +
        "@requested_cents, NULL, 0, @instance_id, @at, @at, @application) ON CONFLICT (application_id) DO NOTHING";

    private const string UpdateStatus = "UPDATE funding_applications SET status = @status, updated_at = @at WHERE application_id = @application_id";

    private const string UpdateGranted = "UPDATE funding_applications SET granted_cents = @granted_cents, updated_at = @at WHERE application_id = @application_id";

    /// <summary>The gate: adds the commitment only while budget − committed + released + returned covers it (or it is booked already).</summary>
    private const string Commit =
        "UPDATE funding_budgets SET committed_cents = committed_cents + CASE WHEN EXISTS (" + Booked + ") THEN 0 ELSE @amount END " +
        "WHERE fund_id = @fund_id AND year = @year " +
        "AND (EXISTS (" + Booked + ") OR budget_cents - committed_cents + released_cents + returned_cents >= @amount)";

    private const string AddPaidToApplication =
        "UPDATE funding_applications SET paid_cents = paid_cents + @amount, updated_at = @at WHERE application_id = @application_id AND NOT EXISTS (" + Booked + ")";

    /// <summary>
    /// What is released when a case ends: the grant minus what the grantee keeps (closed) or minus what was paid
    /// (withdrawn). Paid money beyond what is kept is not released: it comes back through <c>Repaid</c> (returned), and
    /// releasing it too would count it twice.
    /// </summary>
    private const string GrantMinusFinal =
        "(SELECT granted_cents - CASE WHEN paid_cents > @final THEN paid_cents ELSE @final END FROM funding_applications WHERE application_id = @application_id)";

    /// <summary>A lowered grant releases the difference (nothing has been paid beyond it: payouts never exceed the grant).</summary>
    private const string GrantMinusNew = "(SELECT granted_cents - @final FROM funding_applications WHERE application_id = @application_id)";

    /// <summary>What a raised grant adds to the commitment (0 or below when it is not raised).</summary>
    private const string NewMinusGrant = "(SELECT @new_cents - granted_cents FROM funding_applications WHERE application_id = @application_id)";

    /// <summary>
    /// The gate of a raised grant: adds the increase only while the year covers it (or it is booked already); touches
    /// the row without change when the grant is not raised.
    /// </summary>
    private const string CommitIncrease =
        "UPDATE funding_budgets SET committed_cents = committed_cents + CASE WHEN EXISTS (" + Booked + ") OR " + NewMinusGrant + " <= 0 THEN 0 ELSE " + NewMinusGrant + " END " +
        "WHERE fund_id = @fund_id AND year = @year " +
        "AND (EXISTS (" + Booked + ") OR " + NewMinusGrant + " <= 0 OR budget_cents - committed_cents + released_cents + returned_cents >= " + NewMinusGrant + ")";
    private const string GrantMinusPaid = "(SELECT granted_cents - paid_cents FROM funding_applications WHERE application_id = @application_id)";

    private static readonly FrozenDictionary<string, ApplicationStatus> StatusOfEvent = new Dictionary<string, ApplicationStatus>(StringComparer.Ordinal)
    {
        [nameof(ChangeRequested)] = ApplicationStatus.ChangesRequested,
        [nameof(ApplicationReviewed)] = ApplicationStatus.Reviewed,
        [nameof(PutToVote)] = ApplicationStatus.InVote,
        [nameof(VoteClosed)] = ApplicationStatus.AwaitingDecision,
        [nameof(ApplicationApproved)] = ApplicationStatus.Approved,
        [nameof(ApplicationRejected)] = ApplicationStatus.Rejected,
        [nameof(GrantAccepted)] = ApplicationStatus.GrantAccepted,
        [nameof(ProofOfUseDue)] = ApplicationStatus.ProofOfUseDue,
        [nameof(ProofOfUseOverdue)] = ApplicationStatus.ProofOfUseOverdue,
        [nameof(ReclaimRaised)] = ApplicationStatus.ReclaimRaised,
        [nameof(RepaymentOverdue)] = ApplicationStatus.RepaymentOverdue,
        [nameof(ApplicationClosed)] = ApplicationStatus.Closed,
        [nameof(ApplicationWithdrawn)] = ApplicationStatus.Withdrawn,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Where the case stands while it waits at a funding task, for the states no event announces (formally reviewed,
    /// waiting for the office's decision, proof of use in review) and the return to review after a resubmission.
    /// </summary>
    private static readonly FrozenDictionary<string, ApplicationStatus> StatusOfTask = new Dictionary<string, ApplicationStatus>(StringComparer.Ordinal)
    {
        ["Foerderworkflow.Funding.FormalReview"] = ApplicationStatus.Submitted,
        ["Foerderworkflow.Funding.RouteApplication"] = ApplicationStatus.Reviewed,
        ["Foerderworkflow.Funding.OfficeDecision"] = ApplicationStatus.AwaitingDecision,
        ["Foerderworkflow.Funding.ProofOfUseReview"] = ApplicationStatus.ProofOfUseSubmitted,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public IEnumerable<CommitStatement> Project(BurstCommit commit, CommitProjectionContext context)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(context);
        var statements = new List<CommitStatement>();
        var at = context.Time(commit.Instance.UpdatedAt);
        foreach (var message in commit.Messages)
        {
            if (MessageTypes.TryGetType(message.MessageType, out var contract) && contract != typeof(SendEmail))
            {
                Project(message, contract, commit, context, at, statements);
            }
        }

        // A burst ends waiting, so the task it waits at is the newest state.
        foreach (var bookmark in commit.NewBookmarks)
        {
            if (bookmark.Name == FundingTaskActivity.BookmarkName
                && bookmark.Payload["step"] is JsonValue step && step.TryGetValue(out string? stepName) && StatusOfTask.TryGetValue(stepName, out var status)
                && bookmark.Payload["applicationId"] is JsonValue id && id.TryGetValue(out string? applicationId))
            {
                if (status == ApplicationStatus.Submitted)
                {
                    // Back at the formal review after a resubmission: the applicant may have corrected title or amount.
                    Refresh(commit, applicationId, at, statements);
                }

                statements.Add(Status(applicationId, status, at));
            }
        }

        return statements;
    }

    private static void Project(OutboxMessage message, Type contract, BurstCommit commit, CommitProjectionContext context, object at, List<CommitStatement> statements)
    {
        switch (message.Payload.Deserialize(contract, FundingVariables.Json))
        {
            case ApplicationSubmitted submitted:
                statements.Add(Register(submitted, commit, context));
                break;
            case ApplicationApproved approved:
                var amount = FundingDatabase.Cents(approved.ApprovedAmount.Amount);
                statements.Add(new(Commit, [new("@amount", amount), new("@message_id", message.Id), new("@fund_id", approved.Fund), new("@year", approved.BudgetYear)])
                {
                    RejectWhenNoRows = () => new BudgetExceededException(approved.Fund, approved.BudgetYear, approved.ApprovedAmount.Amount),
                });
                statements.Add(Booking(message, approved.ApplicationId, approved.Fund, approved.BudgetYear, BookingKind.Commitment, amount, at));
                statements.Add(new(UpdateGranted, [new("@granted_cents", amount), new("@at", at), new("@application_id", approved.ApplicationId)]));
                break;
            case PayoutOrdered payout:
                var paid = FundingDatabase.Cents(payout.Amount.Amount);
                statements.Add(AddToBudget("paid_cents", message, payout.Fund, payout.BudgetYear, paid));
                statements.Add(new(AddPaidToApplication, [new("@amount", paid), new("@at", at), new("@application_id", payout.ApplicationId), new("@message_id", message.Id)]));
                statements.Add(Booking(message, payout.ApplicationId, payout.Fund, payout.BudgetYear, BookingKind.Payout, paid, at));
                break;
            case Repaid repaid:
                var returned = FundingDatabase.Cents(repaid.Amount.Amount);
                statements.Add(AddToBudget("returned_cents", message, repaid.Fund, repaid.BudgetYear, returned));
                statements.Add(Booking(message, repaid.ApplicationId, repaid.Fund, repaid.BudgetYear, BookingKind.Repayment, returned, at));
                break;
            case ApplicationClosed closed:
                Release(statements, GrantMinusFinal, new("@final", FundingDatabase.Cents(closed.FinalAmount.Amount)), message, closed.ApplicationId, closed.Fund, closed.BudgetYear, at);
                break;
            case ApplicationWithdrawn withdrawn:
                Release(statements, GrantMinusPaid, null, message, withdrawn.ApplicationId, withdrawn.Fund, withdrawn.BudgetYear, at);
                break;
            case DocumentIssued document:
                // Stored once, as issued: a replayed projection or a second delivery leaves the first row untouched.
                statements.Add(new(
                    "INSERT INTO funding_documents (id, application_id, number, kind, issued_at, sha256, replaces, notification_path, file_name, content, retrieved_at) " +
                    "VALUES (@id, @application_id, @number, @kind, @issued_at, @sha256, @replaces, @notification_path, @file_name, @content, NULL) ON CONFLICT (id) DO NOTHING",
                    [new("@id", document.DocumentId), new("@application_id", document.ApplicationId), new("@number", document.Number), new("@kind", document.Kind),
                        new("@issued_at", context.Time(document.IssuedAt)), new("@sha256", document.Sha256), new("@replaces", (object?)document.Replaces ?? DBNull.Value),
                        new("@notification_path", document.NotificationPath), new("@file_name", document.FileName), new("@content", document.Content)]));
                break;
            case ChangeApproved { NewApprovedAmount: { } newAmount } change:
                // A lower grant releases the difference; a higher one is a further commitment and passes the same
                // budget gate as the approval (refused when the year has not enough left). Then the register keeps the new grant.
                var newCents = FundingDatabase.Cents(newAmount.Amount);
                Release(statements, GrantMinusNew, new("@final", newCents), message, change.ApplicationId, change.Fund, change.BudgetYear, at);
                statements.Add(new(CommitIncrease,
                    [new("@message_id", message.Id), new("@new_cents", newCents), new("@application_id", change.ApplicationId), new("@fund_id", change.Fund), new("@year", change.BudgetYear)])
                {
                    RejectWhenNoRows = () => new BudgetExceededException(change.Fund, change.BudgetYear, newAmount.Amount),
                });
                statements.Add(new(
                    "INSERT INTO funding_bookings (message_id, application_id, fund_id, year, kind, amount_cents, booked_at) " +
                    $"SELECT @message_id, @application_id, @fund_id, @year, @kind, {NewMinusGrant}, @at WHERE {NewMinusGrant} > 0 ON CONFLICT (message_id) DO NOTHING",
                    [new("@message_id", message.Id), new("@application_id", change.ApplicationId), new("@fund_id", change.Fund), new("@year", change.BudgetYear),
                        new("@kind", nameof(BookingKind.Commitment)), new("@at", at), new("@new_cents", newCents)]));
                statements.Add(new(UpdateGranted, [new("@granted_cents", newCents), new("@at", at), new("@application_id", change.ApplicationId)]));
                break;
            default:
                break;
        }

        if (StatusOfEvent.TryGetValue(message.MessageType, out var status) && message.Payload["applicationId"] is JsonValue id && id.TryGetValue(out string? applicationId))
        {
            statements.Add(Status(applicationId, status, at));
        }
    }

    private static CommitStatement Register(ApplicationSubmitted submitted, BurstCommit commit, CommitProjectionContext context)
    {
        // The event carries no applicant account (it is published); the instance's application variable does.
        var variable = commit.Instance.State.Variables[FundingVariables.Application];
        var application = variable?.Deserialize<ApplicationCase>(FundingVariables.Json);
        return new(InsertApplication,
        [
            new("@application_id", submitted.ApplicationId),
            new("@file_number", submitted.FileNumber),
            new("@fund_id", submitted.Fund),
            new("@budget_year", submitted.BudgetYear),
            new("@title", submitted.Title),
            new("@applicant_subject", application?.ApplicantSubject ?? string.Empty),
            new("@applicant_name", submitted.ApplicantName),
            new("@status", nameof(ApplicationStatus.Submitted)),
            new("@requested_cents", FundingDatabase.Cents(submitted.RequestedAmount.Amount)),
            new("@instance_id", commit.Instance.Id),
            new("@at", context.Time(submitted.OccurredAt)),
            new("@application", variable?.ToJsonString() ?? "{}"),
        ]);
    }

    private static void Refresh(BurstCommit commit, string applicationId, object at, List<CommitStatement> statements)
    {
        if (commit.Instance.State.Variables[FundingVariables.Application] is not { } variable
            || variable.Deserialize<ApplicationCase>(FundingVariables.Json) is not { } application || application.ApplicationId != applicationId)
        {
            return;
        }

        statements.Add(new(
            "UPDATE funding_applications SET title = @title, requested_cents = @requested_cents, application = @application, updated_at = @at WHERE application_id = @application_id",
            [new("@title", application.Title), new("@requested_cents", FundingDatabase.Cents(application.RequestedAmount)), new("@application", variable.ToJsonString()),
                new("@at", at), new("@application_id", applicationId)]));
    }

    private static CommitStatement Status(string applicationId, ApplicationStatus status, object at) =>
        new(UpdateStatus, [new("@status", status.ToString()), new("@at", at), new("@application_id", applicationId)]);

    private static CommitStatement AddToBudget(string column, OutboxMessage message, string fundId, int year, long amount) =>
        new(
            $"UPDATE funding_budgets SET {column} = {column} + @amount WHERE fund_id = @fund_id AND year = @year AND NOT EXISTS ({Booked})",
            [new("@amount", amount), new("@fund_id", fundId), new("@year", year), new("@message_id", message.Id)]);

    private static CommitStatement Booking(OutboxMessage message, string applicationId, string fundId, int year, BookingKind kind, long amount, object at) =>
        new(
            "INSERT INTO funding_bookings (message_id, application_id, fund_id, year, kind, amount_cents, booked_at) " +
            "VALUES (@message_id, @application_id, @fund_id, @year, @kind, @amount, @at) ON CONFLICT (message_id) DO NOTHING",
            [new("@message_id", message.Id), new("@application_id", applicationId), new("@fund_id", fundId), new("@year", year), new("@kind", kind.ToString()), new("@amount", amount), new("@at", at)]);

    /// <summary>Releases <paramref name="amountSql"/> (computed from the register in the transaction) when it is above zero, once.</summary>
    private static void Release(List<CommitStatement> statements, string amountSql, CommitParameter? extra, OutboxMessage message, string applicationId, string fundId, int year, object at)
    {
        CommitParameter[] Parameters(params CommitParameter[] head) => extra is { } value ? [.. head, value] : head;

        statements.Add(new(
            $"UPDATE funding_budgets SET released_cents = released_cents + {amountSql} " +
            $"WHERE fund_id = @fund_id AND year = @year AND {amountSql} > 0 AND NOT EXISTS ({Booked})",
            Parameters(new("@application_id", applicationId), new("@fund_id", fundId), new("@year", year), new("@message_id", message.Id))));
        statements.Add(new(
            "INSERT INTO funding_bookings (message_id, application_id, fund_id, year, kind, amount_cents, booked_at) " +
            $"SELECT @message_id, @application_id, @fund_id, @year, @kind, {amountSql}, @at WHERE {amountSql} > 0 ON CONFLICT (message_id) DO NOTHING",
            Parameters(new("@message_id", message.Id), new("@application_id", applicationId), new("@fund_id", fundId), new("@year", year),
                new("@kind", nameof(BookingKind.Release)), new("@at", at))));
    }
}

/// <summary>What a row of <c>funding_bookings</c> did to its budget year.</summary>
internal enum BookingKind
{
    Commitment,
    Payout,
    Release,
    Repayment,
}
