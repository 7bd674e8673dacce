using Foerderworkflow.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>
/// The shared idempotency record on both databases: a completed message id survives a restart; a released one can run
/// again; ids older than the retention are forgotten, younger ones kept.
/// </summary>
public sealed class ProcessedMessagesTests
{
    [Fact]
    public async Task Sqlite_CompletedSurvivesARestart_ReleasedRunsAgain()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fw-processed-{Guid.NewGuid():N}.db");
        try
        {
            await CheckAsync(() => new SqliteProcessedMessageStore($"Data Source={path}", TimeProvider.System));
            await CheckRetentionAsync(clock => new SqliteProcessedMessageStore($"Data Source={path}", clock));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task PostgreSql_CompletedSurvivesARestart_ReleasedRunsAgain()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("fw_processed_");
        await CheckAsync(() => new PostgreSqlProcessedMessageStore(database.ConnectionString, TimeProvider.System));
        await CheckRetentionAsync(clock => new PostgreSqlProcessedMessageStore(database.ConnectionString, clock));
    }

    private static async Task CheckAsync(Func<IProcessedMessageStore> open)
    {
        var done = Guid.NewGuid();
        var failed = Guid.NewGuid();
        var first = open();
        var processed = new ProcessedMessages(first);

        Assert.True(await processed.TryClaimAsync("ledger", done, CancellationToken.None));
        Assert.False(await processed.TryClaimAsync("ledger", done, CancellationToken.None)); // a copy while the first runs
        Assert.True(await processed.TryClaimAsync("other-consumer", done, CancellationToken.None)); // claims are per consumer
        await processed.CompleteAsync("ledger", done, CancellationToken.None);
        Assert.True(await processed.TryClaimAsync("ledger", failed, CancellationToken.None));
        await processed.ReleaseAsync("ledger", failed, CancellationToken.None);
        (first as IDisposable)?.Dispose();

        // A new process on the same database.
        var second = open();
        var restarted = new ProcessedMessages(second);
        Assert.False(await restarted.TryClaimAsync("ledger", done, CancellationToken.None));
        Assert.True(await restarted.TryClaimAsync("ledger", failed, CancellationToken.None));
        (second as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task InMemory_ForgetsOnlyWhatIsOlderThanTheRetention() =>
        await CheckRetentionAsync(clock => new InMemoryProcessedMessageStore(clock));

    private static async Task CheckRetentionAsync(Func<TimeProvider, IProcessedMessageStore> open)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var store = open(clock);
        var old = Guid.NewGuid();
        var young = Guid.NewGuid();
        await store.RecordProcessedAsync("retention", old, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(20));
        await store.RecordProcessedAsync("retention", young, CancellationToken.None);

        // 31 days after the first: the default retention (30 days) forgets it, the one of 11 days ago stays.
        clock.Advance(TimeSpan.FromDays(11));
        var retention = new ProcessedMessageRetention(store, new ProcessedMessageRetentionOptions(), clock, NullLogger<ProcessedMessageRetention>.Instance);
        Assert.Equal(1, await retention.RunOnceAsync(CancellationToken.None));

        Assert.False(await store.HasProcessedAsync("retention", old, CancellationToken.None));
        Assert.True(await store.HasProcessedAsync("retention", young, CancellationToken.None));
        Assert.Equal(0, await retention.RunOnceAsync(CancellationToken.None));
        (store as IDisposable)?.Dispose();
    }
}
