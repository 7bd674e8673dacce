namespace Foerderworkflow.Funding;

/// <summary>Marks the funding domain assembly (activity registration scans it).</summary>
public sealed class FundingAssembly
{
    private FundingAssembly()
    {
    }
}
