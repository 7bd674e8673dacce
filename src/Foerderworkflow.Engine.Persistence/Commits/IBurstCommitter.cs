using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>Writes a burst in one transaction; returns the instance's new version. Rolls back on any exception.</summary>
internal interface IBurstCommitter : IDisposable
{
    /// <summary>The most bursts one transaction has held so far (diagnostics and tests).</summary>
    int LargestGroup { get; }

    Task<long> CommitAsync(BurstCommit commit, CancellationToken cancellationToken);
}
