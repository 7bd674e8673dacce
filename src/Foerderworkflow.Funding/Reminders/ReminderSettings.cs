using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Reminders;

/// <summary>A fund's reminder ladders, one per applicant deadline (variable <c>fund.reminders</c>).</summary>
public sealed record ReminderSettings
{
    public static ReminderSettings Default { get; } = new();

    /// <summary>The proof of use, due the fund's period after the project end.</summary>
    public ReminderLadder ProofOfUse { get; init; } = ReminderLadder.ProofOfUseDefault;

    /// <summary>The applicant's reply to a change request.</summary>
    public ReminderLadder ChangeRequestReply { get; init; } = ReminderLadder.ChangeRequestReplyDefault;

    /// <summary>Signing the agreement (or waiving the appeal) before the appeal period ends.</summary>
    public ReminderLadder GrantSigning { get; init; } = ReminderLadder.GrantSigningDefault;

    /// <summary>Repaying a reclaimed amount.</summary>
    public ReminderLadder ReclaimRepayment { get; init; } = ReminderLadder.ReclaimRepaymentDefault;

    public IReadOnlyList<ValidationError> Validate(string field) =>
    [
        .. Check(ProofOfUse, $"{field}.proofOfUse"),
        .. Check(ChangeRequestReply, $"{field}.changeRequestReply"),
        .. Check(GrantSigning, $"{field}.grantSigning"),
        .. Check(ReclaimRepayment, $"{field}.reclaimRepayment"),
    ];

    private static IReadOnlyList<ValidationError> Check(ReminderLadder? ladder, string field) =>
        ladder is null ? [new ValidationError(field, "Die Erinnerungsstufen fehlen.")] : ladder.Validate(field);
}
