using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The office ordered the payout (Auszahlungsanordnung); finance pays it.</summary>
[MessageUrn("foerderworkflow:PayoutOrdered")]
public sealed record PayoutOrdered
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The payout that was requested.</summary>
    public required string PayoutId { get; init; }

    /// <summary>The amount to pay.</summary>
    public required MoneyAmount Amount { get; init; }

    /// <summary>The value date.</summary>
    public required DateTimeOffset PayOn { get; init; }

    /// <summary>The decision (Bescheid) the payout is made under, as in <see cref="ApplicationApproved.DecisionId"/>. Added in version 2.</summary>
    public string? DecisionId { get; init; }

    /// <summary>The file number (Aktenzeichen), for the payment reference. Added in version 2.</summary>
    public string? FileNumber { get; init; }

    /// <summary>The fund's Haushaltsstelle or cost centre the payout is booked on. Added in version 2.</summary>
    public string? CostCentre { get; init; }

    /// <summary>Who is paid, with the account. Added in version 2; absent in older messages and older cases.</summary>
    public Payee? Payee { get; init; }
}
