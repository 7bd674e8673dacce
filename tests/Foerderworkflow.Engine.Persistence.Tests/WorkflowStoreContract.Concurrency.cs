using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Engine.Persistence.Tests;

public abstract partial class WorkflowStoreContract
{
    /// <summary>
    /// Many bursts at once (which a store may write in one transaction): each one is written or rejected on its own,
    /// whatever its neighbours do.
    /// </summary>
    [Fact]
    public async Task CommitAsync_ManyConcurrentBurstsSomeFailing_EachIsWrittenOrRejectedAlone()
    {
        const string failingType = "Crash.InGroup";
        await Fixture.FailOutboxInsertsAsync(failingType);
        var cases = new List<(WorkflowInstance Instance, Bookmark Bookmark, int Kind)>();
        for (var i = 0; i < 48; i++)
        {
            var instance = TestData.Instance();
            var bookmark = TestData.Bookmark(instance);
            await InsertAsync(instance, bookmark);
            cases.Add((await LoadAsync(instance.Id), bookmark, i % 4));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commits = cases.Select(c => Task.Run(async () =>
        {
            await start.Task;
            var (instance, bookmark, kind) = c;
            await Store.CommitAsync(kind switch
            {
                0 => TestData.Commit(instance, consumed: TestData.Unique("gone"), journal: [TestData.Entry(instance, "wait")]),
                1 => TestData.Commit(instance, consumed: bookmark.Id, journal: [TestData.Entry(instance, "wait")], messages: [TestData.Message(instance, failingType)]),
                _ => TestData.Commit(instance, consumed: bookmark.Id, journal: [TestData.Entry(instance, "wait")], messages: [TestData.Message(instance)]),
            });
        })).ToList();
        start.SetResult();
        await Task.WhenAll(commits).ContinueWith(static _ => { }, TaskScheduler.Default);

        for (var i = 0; i < cases.Count; i++)
        {
            var (instance, bookmark, kind) = cases[i];
            var stored = await LoadAsync(instance.Id);
            switch (kind)
            {
                case 0:
                    Assert.IsType<BookmarkAlreadyConsumedException>(commits[i].Exception?.InnerException);
                    Assert.Equal(1, stored.Version);
                    Assert.NotNull(await Store.FindBookmarkAsync(bookmark.Id));
                    break;
                case 1:
                    Assert.True(commits[i].IsFaulted);
                    Assert.IsNotAssignableFrom<CommitRejectedException>(commits[i].Exception?.InnerException);
                    Assert.Equal(1, stored.Version);
                    Assert.NotNull(await Store.FindBookmarkAsync(bookmark.Id));
                    Assert.Equal(0, await Fixture.CountAsync("workflow_outbox", instance.Id));
                    break;
                default:
                    Assert.True(commits[i].IsCompletedSuccessfully, commits[i].Exception?.ToString());
                    Assert.Equal(2, stored.Version);
                    Assert.Null(await Store.FindBookmarkAsync(bookmark.Id));
                    Assert.Equal(1, await Fixture.CountAsync("workflow_outbox", instance.Id));
                    break;
            }

            Assert.Equal(kind >= 2 ? 1 : 0, await Fixture.CountAsync("workflow_journal", instance.Id));
        }
    }

    /// <summary>Bursts that arrive together share transactions (group commit), and each is written.</summary>
    [Fact]
    public async Task CommitAsync_ConcurrentBursts_ShareTransactions()
    {
        var instances = new List<WorkflowInstance>();
        for (var i = 0; i < 64; i++)
        {
            instances.Add(await InsertAsync(TestData.Instance()));
        }

        // A caller that finds a writer free writes at once; with only as many pool threads as cores (two here, on an
        // idle machine) the callers hardly overlap, and no group forms. Enough threads make the callers really concurrent, which is the situation this test is about.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commits = instances.Select(instance => Task.Run(async () =>
        {
            await start.Task;
            await Store.CommitAsync(TestData.Commit(instance, journal: [TestData.Entry(instance, "a")]));
        })).ToList();
        start.SetResult();
        await Task.WhenAll(commits);

        Assert.All(instances, i => Assert.Equal(2, i.Version));
        foreach (var instance in instances)
        {
            Assert.Equal(1, await Fixture.CountAsync("workflow_journal", instance.Id));
        }

        var committer = ((EfWorkflowStore)Store).Committer;
        Assert.True(committer.LargestGroup > 1, $"largest group {committer.LargestGroup}");
    }

    /// <summary>
    /// Wait-any: two bookmarks of one instance are resumed at once, and each burst cancels the other's bookmark. One
    /// commits; the other is rejected as a lost race (never a deadlock or another database error).
    /// </summary>
    [Fact]
    public async Task CommitAsync_TwoBurstsOfOneInstanceCancellingEachOther_OneCommitsTheOtherIsRejected()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var instance = TestData.Instance();
            var a = TestData.Bookmark(instance);
            var b = TestData.Bookmark(instance);
            await InsertAsync(instance, a, b);
            var copies = new[] { (await LoadAsync(instance.Id), a.Id, b.Id), (await LoadAsync(instance.Id), b.Id, a.Id) };
            var next = 0;

            var attempts = await RaceAsync(() =>
            {
                var (copy, consumed, cancelled) = copies[Interlocked.Increment(ref next) - 1];
                return Store.CommitAsync(TestData.Commit(copy, consumed: consumed, removed: [cancelled], journal: [TestData.Entry(copy, "wait")], messages: [TestData.Message(copy)]));
            });

            Assert.Equal(1, attempts.Count(t => t.IsCompletedSuccessfully));
            Assert.IsAssignableFrom<CommitRejectedException>(Assert.Single(attempts, t => t.IsFaulted).Exception?.InnerException);
            Assert.Equal(2, (await LoadAsync(instance.Id)).Version);
            Assert.Null(await Store.FindBookmarkAsync(a.Id));
            Assert.Null(await Store.FindBookmarkAsync(b.Id));
            Assert.Equal(1, await Fixture.CountAsync("workflow_outbox", instance.Id));
        }
    }

    [Fact]
    public async Task CommitAsync_CancelledBeforehand_WritesNothing()
    {
        var instance = TestData.Instance();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CommitAsync(TestData.Commit(instance, isNew: true), cancelled.Token));

        Assert.Null(await Store.FindInstanceAsync(instance.Id));
        Assert.Equal(0, instance.Version);
    }

    /// <summary>Two processes on one database: two independent stores race for the same bookmark.</summary>
    [Fact]
    public async Task CommitAsync_TwoStoresOnOneDatabaseConsumingOneBookmark_ExactlyOneIsWritten()
    {
        var other = (await Fixture.CreateServicesOnSameDatabaseAsync()).GetRequiredService<IWorkflowStore>();
        for (var round = 0; round < RaceRounds; round++)
        {
            var instance = TestData.Instance();
            var bookmark = TestData.Bookmark(instance);
            await InsertAsync(instance, bookmark);
            var copies = new[] { (Store, await LoadAsync(instance.Id)), (other, await LoadAsync(instance.Id)) };
            var next = 0;

            var attempts = await RaceAsync(() =>
            {
                var (store, copy) = copies[Interlocked.Increment(ref next) - 1];
                return store.CommitAsync(TestData.Commit(copy, consumed: bookmark.Id, journal: [TestData.Entry(copy, "wait")], messages: [TestData.Message(copy)]));
            });

            Assert.Equal(1, attempts.Count(a => a.IsCompletedSuccessfully));
            Assert.IsType<BookmarkAlreadyConsumedException>(Assert.Single(attempts, a => a.IsFaulted).Exception?.InnerException);
            Assert.Equal(1, await Fixture.CountAsync("workflow_outbox", instance.Id));
        }
    }
}
