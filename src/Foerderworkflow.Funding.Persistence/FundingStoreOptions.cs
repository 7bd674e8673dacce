namespace Foerderworkflow.Funding.Persistence;

/// <summary>Settings of the funding store (configuration section <c>Funding</c>).</summary>
public sealed class FundingStoreOptions
{
    /// <summary>Seed the Herten demo funds (this budget year and the next) at start-up when they are missing.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// How many full calendar years after the year a case ended (closed, withdrawn, rejected) the applicant's personal
    /// data is kept (<c>Funding:RetentionYears</c>): ten, the period the budget rules' provisions on records (BHO/LHO and
    /// their administrative provisions) ask for vouchers and case files. Then <see cref="RetentionSweep"/> erases it.
    /// </summary>
    public int RetentionYears { get; set; } = 10;
}
