using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Foerderworkflow.Contracts;

/// <summary>
/// Maps the message type a workflow writes into its outbox (the contract's name, e.g. <c>ApplicationApproved</c>)
/// to the contract type that is published on the bus.
/// </summary>
public static class MessageTypes
{
    /// <summary>Every contract by its outbox name (case-sensitive).</summary>
    public static FrozenDictionary<string, Type> ByName { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [nameof(ApplicationSubmitted)] = typeof(ApplicationSubmitted),
        [nameof(ChangeRequested)] = typeof(ChangeRequested),
        [nameof(ChangeRequestReplyDue)] = typeof(ChangeRequestReplyDue),
        [nameof(ApplicationReviewed)] = typeof(ApplicationReviewed),
        [nameof(PutToVote)] = typeof(PutToVote),
        [nameof(VoteClosed)] = typeof(VoteClosed),
        [nameof(VoteDeferred)] = typeof(VoteDeferred),
        [nameof(ApplicationApproved)] = typeof(ApplicationApproved),
        [nameof(ApplicationRejected)] = typeof(ApplicationRejected),
        [nameof(GrantSigningDue)] = typeof(GrantSigningDue),
        [nameof(GrantAccepted)] = typeof(GrantAccepted),
        [nameof(PayoutRequested)] = typeof(PayoutRequested),
        [nameof(PayoutOrdered)] = typeof(PayoutOrdered),
        [nameof(ChangeApproved)] = typeof(ChangeApproved),
        [nameof(ChangeRejected)] = typeof(ChangeRejected),
        [nameof(ProofOfUseDue)] = typeof(ProofOfUseDue),
        [nameof(ProofOfUseOverdue)] = typeof(ProofOfUseOverdue),
        [nameof(ProofOfUseSubmitted)] = typeof(ProofOfUseSubmitted),
        [nameof(ProofOfUseAccepted)] = typeof(ProofOfUseAccepted),
        [nameof(ReclaimRaised)] = typeof(ReclaimRaised),
        [nameof(RepaymentDue)] = typeof(RepaymentDue),
        [nameof(RepaymentOverdue)] = typeof(RepaymentOverdue),
        [nameof(Repaid)] = typeof(Repaid),
        [nameof(ApplicationClosed)] = typeof(ApplicationClosed),
        [nameof(ApplicationWithdrawn)] = typeof(ApplicationWithdrawn),
        [nameof(DocumentIssued)] = typeof(DocumentIssued),
        [nameof(SendEmail)] = typeof(SendEmail),
        [nameof(SendSignInLink)] = typeof(SendSignInLink),
        [nameof(BookingRecorded)] = typeof(BookingRecorded),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGetType(string messageType, [NotNullWhen(true)] out Type? contractType) =>
        ByName.TryGetValue(messageType, out contractType);
}
