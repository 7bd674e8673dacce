namespace Foerderworkflow.Funding.Reclaims;

/// <summary>A stretch of days at one rate: from <paramref name="From"/> (inclusive) to <paramref name="Until"/> (exclusive).</summary>
public sealed record InterestSegment(DateOnly From, DateOnly Until, int Days, decimal RatePercent, decimal Interest);
