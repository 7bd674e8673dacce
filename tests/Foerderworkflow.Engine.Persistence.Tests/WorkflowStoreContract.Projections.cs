using System.Globalization;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Engine.Persistence.Tests;

/// <summary>
/// The commit projection extension point: statements of registered <see cref="IBurstCommitProjection"/>s run in the
/// burst's transaction, and their gates refuse the whole burst without a retry.
/// </summary>
public abstract partial class WorkflowStoreContract
{
    private const string QuotaMessage = "Test.Quota";

    [Fact]
    public async Task Projection_Statements_AreCommittedWithTheBurst()
    {
        var quota = await QuotaStore.CreateAsync(Fixture, quota: 5);
        var instance = TestData.Instance();

        await quota.Store.CommitAsync(TestData.Commit(instance, isNew: true, messages: [TestData.Message(instance, QuotaMessage), TestData.Message(instance, "Test.Other")]));

        Assert.Equal(1, await quota.ScalarAsync("SELECT COUNT(*) FROM test_projected WHERE instance_id = @id", instance.Id));
        Assert.Equal(1, await quota.UsedAsync());
        Assert.Equal(TestData.T0, (await quota.Store.FindInstanceAsync(instance.Id))!.CreatedAt);
    }

    [Fact]
    public async Task Projection_GateTouchesNoRow_RejectsTheWholeBurst()
    {
        var quota = await QuotaStore.CreateAsync(Fixture, quota: 0);
        var instance = TestData.Instance();
        await quota.Store.CommitAsync(TestData.Commit(instance, isNew: true));

        await Assert.ThrowsAsync<QuotaExhaustedException>(() => quota.Store.CommitAsync(TestData.Commit(
            instance, journal: [TestData.Entry(instance, "a")], messages: [TestData.Message(instance, QuotaMessage)])));

        Assert.Equal(1, (await quota.Store.FindInstanceAsync(instance.Id))!.Version);
        Assert.Equal(1, instance.Version);
        Assert.Equal(0, await quota.ScalarAsync("SELECT COUNT(*) FROM workflow_outbox WHERE instance_id = @id", instance.Id));
        Assert.Equal(0, await quota.ScalarAsync("SELECT COUNT(*) FROM workflow_journal WHERE instance_id = @id", instance.Id));
        Assert.Equal(0, await quota.ScalarAsync("SELECT COUNT(*) FROM test_projected WHERE instance_id = @id", instance.Id));
        Assert.Equal(0, await quota.UsedAsync());
    }

    [Fact]
    public async Task Projection_RejectsResume_RuntimeSurfacesItWithoutRetryAndKeepsTheBookmark()
    {
        var quota = await QuotaStore.CreateAsync(Fixture, quota: 0);
        var definitionId = TestData.Unique("quota");
        using var definitions = new WorkflowDefinitionService(quota.Store, Fixture.Compiler, TimeProvider.System);
        await definitions.PublishAsync(Workflows.GoThenEnd(definitionId, QuotaMessage));
        var runtime = new WorkflowRuntime(quota.Store, Fixture.Compiler, new JavaScriptEvaluator(), TimeProvider.System, new NoTimerScheduler(), new NoOutboxSignal());
        var started = await runtime.StartAsync(definitionId);
        var bookmark = Assert.Single(started.NewBookmarks);
        var callsBefore = quota.Projection.Calls;

        await Assert.ThrowsAsync<QuotaExhaustedException>(() => runtime.ResumeAsync(bookmark.Id));

        Assert.Equal(callsBefore + 1, quota.Projection.Calls);
        var instance = (await quota.Store.FindInstanceAsync(started.InstanceId))!;
        Assert.Equal(WorkflowStatus.Suspended, instance.Status);
        Assert.Equal(1, instance.Version);
        Assert.NotNull(await quota.Store.FindBookmarkAsync(bookmark.Id));
        Assert.Equal(0, await quota.ScalarAsync("SELECT COUNT(*) FROM workflow_outbox WHERE instance_id = @id", started.InstanceId));

        // Once the gate lets it through, the same bookmark resumes normally.
        await quota.ExecuteAsync("UPDATE test_quota SET quota = 1");
        var resumed = await runtime.ResumeAsync(bookmark.Id);
        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
        Assert.Equal(1, await quota.ScalarAsync("SELECT COUNT(*) FROM test_projected WHERE instance_id = @id", started.InstanceId));
    }

    [Fact]
    public async Task Projection_ConcurrentBurstsAgainstOneGate_ExactlyTheQuotaCommits()
    {
        const int Bursts = 12;
        const int Allowed = 5;
        var quota = await QuotaStore.CreateAsync(Fixture, quota: Allowed);
        var instances = new List<WorkflowInstance>();
        for (var i = 0; i < Bursts; i++)
        {
            var instance = TestData.Instance();
            await quota.Store.CommitAsync(TestData.Commit(instance, isNew: true));
            instances.Add(instance);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commits = instances.Select(instance => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await quota.Store.CommitAsync(TestData.Commit(instance, journal: [TestData.Entry(instance, "a")], messages: [TestData.Message(instance, QuotaMessage)]));
                return true;
            }
            catch (QuotaExhaustedException)
            {
                return false;
            }
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(commits);

        Assert.Equal(Allowed, outcomes.Count(committed => committed));
        Assert.Equal(Allowed, await quota.UsedAsync());
        Assert.Equal(Allowed, await quota.ScalarAsync("SELECT COUNT(*) FROM test_projected"));
        for (var i = 0; i < Bursts; i++)
        {
            var stored = (await quota.Store.FindInstanceAsync(instances[i].Id))!;
            Assert.Equal(outcomes[i] ? 2 : 1, stored.Version);
            Assert.Equal(outcomes[i] ? 1 : 0, await quota.ScalarAsync("SELECT COUNT(*) FROM workflow_outbox WHERE instance_id = @id", instances[i].Id));
        }
    }

    private sealed class QuotaExhaustedException() : CommitRejectedException("Das Kontingent ist erschöpft.");

    /// <summary>Counts and records every <c>Test.Quota</c> message; a gate allows at most <c>quota</c> of them.</summary>
    private sealed class QuotaProjection : IBurstCommitProjection
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public IEnumerable<CommitStatement> Project(BurstCommit commit, CommitProjectionContext context)
        {
            Interlocked.Increment(ref calls);
            var statements = new List<CommitStatement>();
            foreach (var message in commit.Messages.Where(m => m.MessageType == QuotaMessage))
            {
                statements.Add(new("UPDATE test_quota SET used = used + 1 WHERE id = 1 AND used < quota", []) { RejectWhenNoRows = () => new QuotaExhaustedException() });
                statements.Add(new(
                    "INSERT INTO test_projected (message_id, instance_id, at) VALUES (@message_id, @instance_id, @at)",
                    [new("@message_id", message.Id), new("@instance_id", message.InstanceId), new("@at", context.Time(message.CreatedAt))]));
            }

            return statements;
        }
    }

    /// <summary>A store with the quota projection on a fresh database of the fixture's provider (disposed with the fixture).</summary>
    private sealed class QuotaStore
    {
        private readonly ServiceProvider services;

        private QuotaStore(ServiceProvider services, QuotaProjection projection)
        {
            this.services = services;
            Projection = projection;
        }

        public QuotaProjection Projection { get; }

        public IWorkflowStore Store => services.GetRequiredService<IWorkflowStore>();

        public static async Task<QuotaStore> CreateAsync(StoreFixture fixture, int quota)
        {
            var projection = new QuotaProjection();
            var services = await fixture.CreateServicesAsync(migrate: true, register: s => s.AddSingleton<IBurstCommitProjection>(projection));
            var store = new QuotaStore(services, projection);
            var time = fixture.Provider == WorkflowStoreProvider.PostgreSql ? "timestamptz" : "TEXT";
            await store.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
                CREATE TABLE test_quota (id integer PRIMARY KEY, quota integer NOT NULL, used integer NOT NULL);
                INSERT INTO test_quota (id, quota, used) VALUES (1, {quota}, 0);
                CREATE TABLE test_projected (message_id text PRIMARY KEY, instance_id text NOT NULL, at {time} NOT NULL);
                """));
            return store;
        }

        public Task<long> UsedAsync() => ScalarAsync("SELECT used FROM test_quota WHERE id = 1");

        public async Task ExecuteAsync(string sql)
        {
            await using var context = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            await context.Database.ExecuteSqlRawAsync(sql);
        }

        public async Task<long> ScalarAsync(string sql, string? id = null)
        {
            await using var context = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            await context.Database.OpenConnectionAsync();
            await using var command = context.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            if (id is not null)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@id";
                parameter.Value = id;
                command.Parameters.Add(parameter);
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
    }
}
