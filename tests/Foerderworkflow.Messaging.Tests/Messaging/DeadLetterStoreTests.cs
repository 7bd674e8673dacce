using Foerderworkflow.Testing;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>Both dead-letter stores keep what they are given across a restart, count failures and filter by queue.</summary>
public sealed class DeadLetterStoreTests
{
    private static readonly DateTimeOffset Committed = new(2026, 3, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sqlite_KeepsLettersAcrossARestart_CountsFailures_FiltersByQueue()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fw-dead-letters-{Guid.NewGuid():N}.db");
        try
        {
            await CheckAsync(() => new SqliteDeadLetterStore($"Data Source={file}"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PostgreSql_KeepsLettersAcrossARestart_CountsFailures_FiltersByQueue()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("fw_dead_letters_");
        await CheckAsync(() => new PostgreSqlDeadLetterStore(database.ConnectionString));
    }

    private static async Task CheckAsync(Func<IDeadLetterStore> open)
    {
        var first = open();
        await first.AddAsync(Letter("m-1", "send-email", Committed.AddMinutes(1), "SMTP weg"), CancellationToken.None);
        await first.AddAsync(Letter("m-2", "accounting", Committed.AddMinutes(2), "Ledger gesperrt"), CancellationToken.None);
        await first.AddAsync(Letter("m-1", "send-email", Committed.AddMinutes(3), "SMTP immer noch weg"), CancellationToken.None);
        (first as IDisposable)?.Dispose();

        // A new process on the same database.
        var second = open();
        var all = await second.ListAsync(null, 10, CancellationToken.None);
        Assert.Equal(["m-2", "m-1"], all.Select(l => l.MessageId)); // oldest failure first
        var email = Assert.Single(await second.ListAsync("send-email", 10, CancellationToken.None));
        Assert.Equal(("SMTP immer noch weg", 2, Committed.AddMinutes(3), Committed, "{\"to\":\"verein@example.org\"}", "AIF-2026-0001"),
            (email.Reason, email.Failures, email.FailedAt, email.CreatedAt, email.Payload, email.CorrelationId));
        Assert.Equal(2, await second.CountAsync(CancellationToken.None));

        await second.RemoveAsync("m-1", CancellationToken.None);
        await second.RemoveAsync("m-1", CancellationToken.None);
        Assert.Equal(1, await second.CountAsync(CancellationToken.None));
        Assert.Empty(await second.ListAsync("send-email", 10, CancellationToken.None));
        (second as IDisposable)?.Dispose();
    }

    private static DeadLetter Letter(string id, string queue, DateTimeOffset failedAt, string reason) =>
        new(id, queue, "SendEmail", "{\"to\":\"verein@example.org\"}", "instance-1", "AIF-2026-0001", Committed, failedAt, 1, reason);
}
