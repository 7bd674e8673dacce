using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Tests;

public abstract partial class WorkflowStoreContract
{
    private const int RaceRounds = 25;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResumeAsync_TwoParallelResumesOfOneBookmark_ExactlyOneRunsTheActivity(bool waitsAgain)
    {
        var definitionId = TestData.Unique("race");
        await Fixture.Definitions.PublishAsync(waitsAgain ? Workflows.GoThenTask(definitionId) : Workflows.GoThenEnd(definitionId));

        for (var round = 0; round < RaceRounds; round++)
        {
            var started = await Runtime.StartAsync(definitionId);
            var bookmark = Assert.Single(started.NewBookmarks);

            var attempts = await RaceAsync(() => Runtime.ResumeAsync(bookmark.Id));

            Assert.Equal(1, attempts.Count(a => a.IsCompletedSuccessfully));
            var loser = Assert.Single(attempts, a => a.IsFaulted);
            Assert.IsType<BookmarkAlreadyConsumedException>(loser.Exception?.InnerException);
            var details = await Store.GetInstanceDetailsAsync(started.InstanceId);
            Assert.NotNull(details);
            Assert.Single(details.Journal, e => e.ActivityId == "wait" && e.Outcome == "Done");
            Assert.Single(details.Journal, e => e.ActivityId == "publish");
            Assert.Equal(2, details.Instance.Version);
            Assert.Equal(waitsAgain ? WorkflowStatus.Suspended : WorkflowStatus.Finished, details.Instance.Status);
            Assert.Equal(1, await Fixture.CountAsync("workflow_outbox", started.InstanceId));
            Assert.Null(await Store.FindBookmarkAsync(bookmark.Id));
        }
    }

    [Fact]
    public async Task CommitAsync_TwoParallelCommitsConsumingOneBookmark_ExactlyOneIsWritten()
    {
        for (var round = 0; round < RaceRounds * 2; round++)
        {
            var instance = TestData.Instance();
            var bookmark = TestData.Bookmark(instance);
            await InsertAsync(instance, bookmark);
            var copies = new[] { await LoadAsync(instance.Id), await LoadAsync(instance.Id) };
            var next = 0;

            var attempts = await RaceAsync(() =>
            {
                var copy = copies[Interlocked.Increment(ref next) - 1];
                return Store.CommitAsync(TestData.Commit(copy, consumed: bookmark.Id, journal: [TestData.Entry(copy, "wait")], messages: [TestData.Message(copy)]));
            });

            Assert.Equal(1, attempts.Count(a => a.IsCompletedSuccessfully));
            Assert.IsType<BookmarkAlreadyConsumedException>(Assert.Single(attempts, a => a.IsFaulted).Exception?.InnerException);
            Assert.Equal(2, (await LoadAsync(instance.Id)).Version);
            Assert.Equal(1, await Fixture.CountAsync("workflow_journal", instance.Id));
            Assert.Equal(1, await Fixture.CountAsync("workflow_outbox", instance.Id));
        }
    }

    /// <summary>Runs the action twice on pool threads, released together by a barrier; waits for both to end.</summary>
    private static async Task<Task[]> RaceAsync(Func<Task> action)
    {
        using var gate = new Barrier(2);
        var attempts = new[]
        {
            Task.Run(async () => { gate.SignalAndWait(); await action(); }),
            Task.Run(async () => { gate.SignalAndWait(); await action(); }),
        };
        await Task.WhenAll(attempts).ContinueWith(static _ => { }, TaskScheduler.Default);
        return attempts;
    }
}
