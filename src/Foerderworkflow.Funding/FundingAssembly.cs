namespace Foerderworkflow.Funding;

/// <summary>Marks the funding domain assembly (activity registration scans it).</summary>
public static class FundingAssembly;
