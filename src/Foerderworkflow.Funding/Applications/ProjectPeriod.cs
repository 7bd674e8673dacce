namespace Foerderworkflow.Funding.Applications;

/// <summary>First and last day of the project (both inclusive).</summary>
public sealed record ProjectPeriod(DateOnly Start, DateOnly End);
