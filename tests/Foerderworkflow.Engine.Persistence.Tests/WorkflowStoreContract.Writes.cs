using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Engine.Persistence.Tests;

/// <summary>
/// <see cref="IWorkflowDatabaseWriter"/>: other components' writes outside bursts, on the store's write path (on
/// SQLite the one write connection, grouped with the bursts).
/// </summary>
public abstract partial class WorkflowStoreContract
{
    private const string NextCount =
        "INSERT INTO test_counters (name, value) VALUES (@name, 1) ON CONFLICT (name) DO UPDATE SET value = test_counters.value + 1 RETURNING value";

    [Fact]
    public async Task Writer_CounterUnderConcurrentBursts_HandsOutEveryNumberOnceAndWritesEveryBurst()
    {
        var writer = Fixture.Services.GetRequiredService<IWorkflowDatabaseWriter>();
        await Fixture.ExecuteAsync("CREATE TABLE IF NOT EXISTS test_counters (name text PRIMARY KEY, value integer NOT NULL)");
        var counter = TestData.Unique("counter");
        var instances = new List<WorkflowInstance>();
        for (var i = 0; i < 20; i++)
        {
            instances.Add(await InsertAsync(TestData.Instance()));
        }

        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var numbers = Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await writer.WriteAsync([new CommitStatement(NextCount, [new("@name", counter)])]);
        })).ToList();
        var bursts = instances.Select(instance => Task.Run(async () =>
        {
            await start.Task;
            await Store.CommitAsync(TestData.Commit(instance, journal: [TestData.Entry(instance, "a")]));
        })).ToList();
        start.SetResult();
        await Task.WhenAll(bursts);

        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long?)n), (await Task.WhenAll(numbers)).Order());
        Assert.All(instances, i => Assert.Equal(2, i.Version));
        Assert.Equal(40, await Fixture.ScalarAsync("SELECT value FROM test_counters WHERE name = @name", ("@name", (object)counter)));
    }

    [Fact]
    public async Task Writer_GateTouchesNoRow_RollsTheWriteBackAndThrows()
    {
        var writer = Fixture.Services.GetRequiredService<IWorkflowDatabaseWriter>();
        await Fixture.ExecuteAsync("CREATE TABLE IF NOT EXISTS test_counters (name text PRIMARY KEY, value integer NOT NULL)");
        var counter = TestData.Unique("gated");

        await Assert.ThrowsAsync<GateClosedException>(() => writer.WriteAsync(
        [
            new CommitStatement(NextCount, [new("@name", counter)]),
            new CommitStatement("UPDATE test_counters SET value = value WHERE name = @name AND value > 5", [new("@name", counter)])
            {
                RejectWhenNoRows = () => new GateClosedException(),
            },
        ]));

        Assert.Equal(0, await Fixture.ScalarAsync("SELECT COUNT(*) FROM test_counters WHERE name = @name", ("@name", (object)counter)));
        Assert.Null(await writer.WriteAsync([new CommitStatement("UPDATE test_counters SET value = 0 WHERE name = @name", [new("@name", counter)])]));
    }

    [Fact]
    public async Task MarkMessagesSent_WhileBurstsCommit_MarksExactlyTheGivenMessages()
    {
        var instance = TestData.Instance();
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, messages: [TestData.Message(instance, "Test.A"), TestData.Message(instance, "Test.B")]));
        var pending = (await Store.FetchPendingMessagesAsync(10_000)).Where(m => m.Message.InstanceId == instance.Id).ToList();
        Assert.Equal(2, pending.Count);

        var other = await InsertAsync(TestData.Instance());
        await Task.WhenAll(
            Store.MarkMessagesSentAsync([pending[0].Sequence], TestData.T0),
            Store.CommitAsync(TestData.Commit(other, journal: [TestData.Entry(other, "a")])));

        var left = (await Store.FetchPendingMessagesAsync(10_000)).Where(m => m.Message.InstanceId == instance.Id).ToList();
        Assert.Equal(pending[1].Sequence, Assert.Single(left).Sequence);
    }

    private sealed class GateClosedException() : CommitRejectedException("The test gate touched no row.");
}
