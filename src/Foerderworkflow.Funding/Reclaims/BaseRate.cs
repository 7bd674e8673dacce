namespace Foerderworkflow.Funding.Reclaims;

/// <summary>The base rate (Basiszinssatz, § 247 BGB) in percent per year, valid from <paramref name="ValidFrom"/>.</summary>
public sealed record BaseRate(DateOnly ValidFrom, decimal PercentPerYear);
