using Foerderworkflow.Contracts;

namespace Foerderworkflow.Accounting.Ledger;

/// <summary>A funding event as the ledger sees it: who, where, and the rule that turns it into (at most) one booking.</summary>
internal sealed record FundingEvent(Guid MessageId, string MessageType, string ApplicationId, string Fund, int BudgetYear, DateTimeOffset OccurredAt, string? Reference, BookingRule Rule)
{
    /// <summary>Bookings of one application are serialised on this key.</summary>
    public string AccountKey => $"{Fund}\u001f{BudgetYear}\u001f{ApplicationId}";

    public static FundingEvent From(Guid messageId, ApplicationApproved m) =>
        new(messageId, nameof(ApplicationApproved), m.ApplicationId, m.Fund, m.BudgetYear, m.OccurredAt, m.DecisionId, BookingRule.Fixed(BookingKinds.Commitment, Cents.Positive(m.ApprovedAmount, "approvedAmount")));

    public static FundingEvent From(Guid messageId, PayoutOrdered m) =>
        new(messageId, nameof(PayoutOrdered), m.ApplicationId, m.Fund, m.BudgetYear, m.OccurredAt, m.PayoutId, BookingRule.Fixed(BookingKinds.Payout, Cents.Positive(m.Amount, "amount")));

    public static FundingEvent From(Guid messageId, ReclaimRaised m) =>
        new(messageId, nameof(ReclaimRaised), m.ApplicationId, m.Fund, m.BudgetYear, m.OccurredAt, m.ReclaimId, BookingRule.Fixed(BookingKinds.Receivable, Cents.Positive(m.Amount, "amount")));

    public static FundingEvent From(Guid messageId, Repaid m) =>
        new(messageId, nameof(Repaid), m.ApplicationId, m.Fund, m.BudgetYear, m.OccurredAt, m.ReclaimId, BookingRule.Fixed(BookingKinds.Repayment, Cents.Positive(m.Amount, "amount")));

    /// <summary>Withdrawn: everything not paid out is released (paid money comes back through a reclaim).</summary>
    public static FundingEvent From(Guid messageId, ApplicationWithdrawn m) =>
        new(messageId, nameof(ApplicationWithdrawn), m.ApplicationId, m.Fund, m.BudgetYear, m.OccurredAt, null, BookingRule.ReleaseKeeping(0));

    /// <summary>Proof of use accepted: the grantee keeps what was spent; the rest not paid out is released.</summary>
    public static FundingEvent From(Guid messageId, ProofOfUseAccepted m) =>
        new(messageId, nameof(ProofOfUseAccepted), m.ApplicationId, m.Fund, m.BudgetYear, m.OccurredAt, null, BookingRule.ReleaseKeeping(Cents.NotNegative(m.SpentAmount, "spentAmount")));

    /// <summary>Closed: the grantee keeps the final amount; a lower final grant releases the rest not paid out.</summary>
    public static FundingEvent From(Guid messageId, ApplicationClosed m) =>
        new(messageId, nameof(ApplicationClosed), m.ApplicationId, m.Fund, m.BudgetYear, m.OccurredAt, null, BookingRule.ReleaseKeeping(Cents.NotNegative(m.FinalAmount, "finalAmount")));
}

/// <summary>How a funding event becomes a booking, given the application's figures before it.</summary>
internal sealed record BookingRule(string Kind, long FixedCents, long? KeptCents)
{
    public static BookingRule Fixed(string kind, long cents) => new(kind, cents, null);

    public static BookingRule ReleaseKeeping(long keptCents) => new(BookingKinds.Release, 0, keptCents);

    /// <summary>The amount to book in cents; 0 books nothing.</summary>
    public long Amount(ApplicationAccount account) => KeptCents is { } kept ? account.Releasable(kept) : FixedCents;
}

/// <summary>Amounts of the contracts as whole euro cents; anything else is refused.</summary>
internal static class Cents
{
    public const string Currency = "EUR";

    public static long Positive(MoneyAmount amount, string field)
    {
        var cents = NotNegative(amount, field);
        return cents > 0 ? cents : throw new InvalidBookingException($"{field}: the amount must be greater than 0.");
    }

    public static long NotNegative(MoneyAmount amount, string field)
    {
        ArgumentNullException.ThrowIfNull(amount);
        if (!string.Equals(amount.Currency, Currency, StringComparison.Ordinal))
        {
            throw new InvalidBookingException($"{field}: the ledger books {Currency}, not '{amount.Currency}'.");
        }

        var cents = amount.Amount * 100m;
        if (cents != decimal.Truncate(cents))
        {
            throw new InvalidBookingException($"{field}: {amount.Amount} has fractions of a cent.");
        }

        return cents >= 0 ? (long)cents : throw new InvalidBookingException($"{field}: the amount must not be negative.");
    }

    public static decimal ToEuros(long cents) => cents / 100m;
}
