using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Funding.Persistence;

namespace Foerderworkflow.Casework;

/// <summary>
/// Every step a person completes on a case, one method per action, for the API and the portal alike: the request's
/// own checks, then <see cref="ApplicationDesk.CompleteAsync(string, Caller, string, Func{CaseFile, OpenTask, Task{StepInput}}, HandledRequest?, CancellationToken)"/>.
/// Who may call which is the surface's policy (the same roles on both); an applicant reaches only their own cases.
/// <paramref name="key"/> parameters are the request's <c>Idempotency-Key</c> (or the portal form's), already read.
/// </summary>
public sealed class StepDesk(ApplicationDesk desk, ICommitteeBallotBox box, CommitteeRosters rosters)
{
    // --- The applicant ---

    public Task<IResult> ResubmitAsync(string applicationId, ResubmissionRequest request, Caller caller, CancellationToken ct) =>
        desk.CompleteAsync(applicationId, caller, FundingSteps.Resubmission,
            async (file, _) => request.ToInput(file, file.Fund is { } settings ? await desk.Registry.FindFundAsync(settings.Id, ct) : null), ct);

    public async Task<IResult> AcceptGrantAsync(string applicationId, GrantAcceptanceRequest request, Caller caller, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.GrantAcceptance, request.ToInput(), ct);

    public async Task<IResult> SubmitProofOfUseAsync(string applicationId, ProofOfUseRequest request, Caller caller, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.ProofOfUse, request.ToInput(), ct);

    public Task<IResult> RequestPayoutAsync(string applicationId, PayoutRequestRequest request, Caller caller, string? key, CancellationToken ct) =>
        desk.CompleteAsync(applicationId, caller, FundingSteps.ProjectExecution, (file, _) => Task.FromResult(request.ToInput(file)),
            Idempotency.ForStep(key, "payout-requests", caller.Subject, request), ct);

    public async Task<IResult> RequestChangeAsync(string applicationId, ChangeRequestRequest request, Caller caller, string? key, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.ProjectExecution, (_, _) => Task.FromResult(StepInput.Of(request.ToInput())),
            Idempotency.ForStep(key, "change-requests", caller.Subject, request), ct);

    public Task<IResult> ReportProjectEndAsync(string applicationId, ProjectEndRequest request, Caller caller, CancellationToken ct) =>
        desk.CompleteAsync(applicationId, caller, FundingSteps.ProjectExecution, (file, _) => Task.FromResult(request.ToInput(file, desk.Now)), ct);

    public async Task<IResult> WithdrawAsync(string applicationId, WithdrawalRequest request, Caller caller, CancellationToken ct)
    {
        var errors = new RequestErrors();
        errors.Text("reason", request.Reason, required: false);
        return errors.ToProblem() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.Withdrawal, new JsonObject { ["reason"] = request.Reason }, ct);
    }

    // --- The KuF ---

    public async Task<IResult> ReviewFormallyAsync(string applicationId, FormalReviewRequest request, Caller caller, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.FormalReview, request.ToInput(), ct);

    public async Task<IResult> RouteAsync(string applicationId, RoutingRequest request, Caller caller, CancellationToken ct) =>
        request.Validate(desk.Now) ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.Routing, request.ToInput(), ct);

    public async Task<IResult> CloseVoteAsync(string applicationId, VoteClosingRequest request, Caller caller, CancellationToken ct)
    {
        if (request.Validate() is { } invalid)
        {
            return invalid;
        }

        CommitteeVoteKey? vote = null;
        var result = await desk.CompleteAsync(applicationId, caller, FundingSteps.CommitteeVote, async (file, task) =>
        {
            vote = CommitteeDesk.VoteKey(file, task);
            return StepInput.Of(request.ToInput(file, await box.ReadAsync(vote, ct), rosters));
        }, ct);
        if (vote is not null && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            // The vote's bookmark is consumed, so its sheet is never read again; deleting it is housekeeping
            // (a crash right here leaves rows of a closed vote that no new round sees).
            await box.DiscardAsync(vote, CancellationToken.None);
        }

        return result;
    }

    // --- The office ---

    public async Task<IResult> DecideAsync(string applicationId, DecisionRequest request, Caller caller, CancellationToken ct)
    {
        if (request.Validate() is { } invalid)
        {
            return invalid;
        }

        CaseFile? decided = null;
        try
        {
            return await desk.CompleteAsync(applicationId, caller, FundingSteps.OfficeDecision, async (file, _) =>
            {
                decided = file;
                var remaining = await RemainingBudgetAsync(file, ct);
                return request.Outcome == OfficeDecisionActivity.Approve && request.Amount > remaining
                    ? StepInput.Refuse(BudgetRefusal(request.Amount.Value, remaining))
                    : StepInput.Of(request.ToInput(remaining));
            }, ct);
        }
        catch (BudgetExceededException exceeded) when (decided is not null)
        {
            // The store's gate stopped it inside the commit: a concurrent approval took the money in the
            // meantime. The same answer as when the money was gone before, with what is left now.
            return BudgetRefusal(exceeded.Amount, await RemainingBudgetAsync(decided, ct));
        }
    }

    public async Task<IResult> ReviewProofOfUseAsync(string applicationId, ProofOfUseReviewRequest request, Caller caller, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.ProofOfUseReview, request.ToInput(), ct);

    public async Task<IResult> ReclaimAsync(string applicationId, ReclaimRequest request, Caller caller, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.ProofOfUseReview, request.ToInput(), ct);

    public async Task<IResult> ReviewPayoutAsync(string applicationId, string payoutId, PayoutApprovalRequest request, Caller caller, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.PayoutReview, (file, task) =>
        {
            var open = task.Data?["payoutId"]?.GetValue<string>();
            return Task.FromResult(open == payoutId
                ? StepInput.Of(request.ToInput())
                : StepInput.Refuse(Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Aktion im aktuellen Status nicht möglich",
                    detail: $"Zur Prüfung steht der Mittelabruf '{open}' an, nicht '{payoutId}'.")));
        }, ct);

    public async Task<IResult> ReviewChangeAsync(string applicationId, ChangeReviewRequest request, Caller caller, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.ChangeReview, request.ToInput(), ct);

    public async Task<IResult> RecordRepaymentAsync(string applicationId, RepaymentRequest request, Caller caller, CancellationToken ct) =>
        request.Validate() ?? await desk.CompleteAsync(applicationId, caller, FundingSteps.Repayment, request.ToInput(), ct);

    /// <summary>What the fund's budget year has left, from the register's ledger (never from the caller).</summary>
    public async Task<decimal> RemainingBudgetAsync(CaseFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fundId = file.Fund?.Id ?? "";
        var year = file.Application.BudgetYear;
        return (await desk.Registry.GetBudgetAsync(fundId, year, ct))?.Available
            ?? (await desk.Registry.FindFundAsync(fundId, ct))?.BudgetFor(year)?.Amount.Euros
            ?? 0m;
    }

    /// <summary>
    /// An approval the budget year cannot cover: one answer (409, naming <c>amount</c>, the amount and what is left),
    /// whether the money was gone before the request or a concurrent approval took it during the commit.
    /// </summary>
    private static IResult BudgetRefusal(decimal amount, decimal remaining)
    {
        var message = $"Der Betrag von {Money.FromEuros(amount)} übersteigt das verfügbare Budget; im Haushaltsjahr sind noch {Money.Max(Money.FromEuros(remaining), Money.Zero)} verfügbar.";
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["amount"] = [message] },
            detail: message, title: "Budget nicht ausreichend", statusCode: StatusCodes.Status409Conflict);
    }
}
