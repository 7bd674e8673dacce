using Foerderworkflow.Funding.FileNumbers;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Registry;

/// <summary>
/// The funding data kept beside the workflows: funds, the file-number sequence, and the application register with
/// budget figures. Implemented by the store (Foerderworkflow.Funding.Persistence); the API reads through it. The
/// register rows and budget commitments are written by the store in the same transaction as the workflow burst
/// that caused them, so they never disagree with the process.
/// </summary>
public interface IFundingRegistry
{
    Task<IReadOnlyList<Fund>> ListFundsAsync(CancellationToken cancellationToken);

    Task<Fund?> FindFundAsync(string fundId, CancellationToken cancellationToken);

    /// <summary>The next file number of a fund's year, in its own transaction (a crash may leave a gap, never a duplicate).</summary>
    Task<FileNumber> NextFileNumberAsync(string fundId, int budgetYear, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApplicationSummary>> ListApplicationsAsync(ApplicationFilter filter, CancellationToken cancellationToken);

    Task<ApplicationSummary?> FindApplicationAsync(string applicationId, CancellationToken cancellationToken);

    Task<FundBudgetStatus?> GetBudgetAsync(string fundId, int year, CancellationToken cancellationToken);
}
