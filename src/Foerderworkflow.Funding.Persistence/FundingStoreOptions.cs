namespace Foerderworkflow.Funding.Persistence;

/// <summary>Settings of the funding store (configuration section <c>Funding</c>).</summary>
public sealed class FundingStoreOptions
{
    /// <summary>Seed the Herten demo funds (this budget year and the next) at start-up when they are missing.</summary>
    public bool SeedDemoData { get; set; }
}
