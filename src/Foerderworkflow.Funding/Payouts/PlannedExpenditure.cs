using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Payouts;

/// <summary>An expense the applicant expects to pay on <paramref name="DueOn"/>, stated with a payout request.</summary>
public sealed record PlannedExpenditure(DateOnly DueOn, Money Amount, string? Description = null);
