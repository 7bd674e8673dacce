namespace Foerderworkflow.Accounting.Ledger;

/// <summary>
/// The ledger's figures of one application in one fund and budget year, in cents, and the rule for releasing unspent
/// commitment: money already paid out stays bound (it comes back only as a repaid reclaim), so a release frees at most
/// the commitment that was neither released nor paid out, and never what the grantee keeps.
/// </summary>
internal sealed record ApplicationAccount(long Committed, long Released, long PaidOut, long Reclaimed, long Repaid)
{
    public static ApplicationAccount Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>What a release may free while <paramref name="kept"/> cents stay with the grantee (0: everything not paid out).</summary>
    public long Releasable(long kept) => Math.Max(0, Committed - Released - Math.Max(PaidOut, kept));

    public ApplicationAccount With(string kind, long cents) => kind switch
    {
        Contracts.BookingKinds.Commitment => this with { Committed = Committed + cents },
        Contracts.BookingKinds.Release => this with { Released = Released + cents },
        Contracts.BookingKinds.Payout => this with { PaidOut = PaidOut + cents },
        Contracts.BookingKinds.Receivable => this with { Reclaimed = Reclaimed + cents },
        Contracts.BookingKinds.Repayment => this with { Repaid = Repaid + cents },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown booking kind"),
    };
}
