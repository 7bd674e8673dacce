using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>
/// Event of the accounting worker: one booking was recorded in the ledger of a fund and budget year. Finance systems
/// subscribe to it; <see cref="BookingId"/> is also the MessageId, so a subscriber de-duplicates on either.
/// </summary>
[MessageUrn("foerderworkflow:BookingRecorded")]
public sealed record BookingRecorded
{
    /// <summary>The application (Antrag) the booking belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) whose ledger was booked.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) whose ledger was booked.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When the funding event that caused the booking happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the ledger recorded the booking.</summary>
    public required DateTimeOffset BookedAt { get; init; }

    /// <summary>Identifies the booking; the same value is the message's MessageId.</summary>
    public required Guid BookingId { get; init; }

    /// <summary>One of <see cref="BookingKinds"/>: Mittelbindung, Auszahlung, Forderung, Rückzahlung, Freigabe.</summary>
    public required string Kind { get; init; }

    /// <summary>The amount booked, always positive; <see cref="Kind"/> says in which direction it counts.</summary>
    public required MoneyAmount Amount { get; init; }

    /// <summary>The MessageId of the funding event that caused the booking (one booking per event at most).</summary>
    public required Guid SourceMessageId { get; init; }

    /// <summary>The contract name of that event, e.g. <c>ApplicationApproved</c>.</summary>
    public required string SourceMessageType { get; init; }

    /// <summary>The business reference of the event: decision, payout or reclaim id, if it has one.</summary>
    public string? Reference { get; init; }

    /// <summary>The ledger's figures for the fund and budget year right after this booking.</summary>
    public required LedgerBalance Balance { get; init; }
}

/// <summary>The kinds of <see cref="BookingRecorded"/>.</summary>
public static class BookingKinds
{
    /// <summary>Mittelbindung: an approval binds budget money.</summary>
    public const string Commitment = "Commitment";

    /// <summary>Auszahlung: bound money is paid out.</summary>
    public const string Payout = "Payout";

    /// <summary>Forderung: a reclaim was raised; the grantee owes the amount.</summary>
    public const string Receivable = "Receivable";

    /// <summary>Rückzahlung: a reclaimed amount came back; it returns to the budget year.</summary>
    public const string Repayment = "Repayment";

    /// <summary>Freigabe: unspent commitment is given back to the budget year (withdrawal, lower final grant, proof of use).</summary>
    public const string Release = "Release";
}

/// <summary>The ledger's running totals of one fund and budget year (a class, not a record: it is part of a contract, not one).</summary>
public sealed class LedgerBalance
{
    /// <summary>Sum of all commitments.</summary>
    public required decimal Committed { get; init; }

    /// <summary>Commitments given back.</summary>
    public required decimal Released { get; init; }

    /// <summary>Paid out.</summary>
    public required decimal PaidOut { get; init; }

    /// <summary>Reclaims raised.</summary>
    public required decimal Reclaimed { get; init; }

    /// <summary>Reclaims repaid (principal); returned to the year.</summary>
    public required decimal Repaid { get; init; }

    /// <summary>What is bound now: committed − released − repaid (the funding domain's <c>BudgetLedger.NetCommitted</c>).</summary>
    public decimal NetCommitted => Committed - Released - Repaid;
}
