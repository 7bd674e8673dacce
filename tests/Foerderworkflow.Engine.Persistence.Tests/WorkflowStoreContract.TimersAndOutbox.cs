using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Persistence.Tests;

public abstract partial class WorkflowStoreContract
{
    [Fact]
    public async Task FindDueTimers_TimersAroundNow_ReturnsDueOnesInDueOrder()
    {
        var instance = TestData.Instance();
        var bookmark = TestData.Bookmark(instance);
        // A time zone other than UTC on the way in must not change the order.
        var now = new DateTimeOffset(1999, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var timers = new[]
        {
            new WorkflowTimer(TestData.Unique("t-late"), instance.Id, bookmark.Id, now.AddMinutes(-1)),
            new WorkflowTimer(TestData.Unique("t-future"), instance.Id, bookmark.Id, now.AddMilliseconds(1)),
            new WorkflowTimer(TestData.Unique("t-early"), instance.Id, bookmark.Id, now.AddDays(-3).ToOffset(TimeSpan.FromHours(-5))),
            new WorkflowTimer(TestData.Unique("t-exact"), instance.Id, bookmark.Id, now.ToUniversalTime()),
        };
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: [bookmark], timers: timers));

        var due = (await Store.FindDueTimersAsync(now, 1000)).Where(t => t.InstanceId == instance.Id).ToList();

        Assert.Equal([timers[2].Id, timers[0].Id, timers[3].Id], due.Select(t => t.Id));
        Assert.Equal(timers[2].DueAt, due[0].DueAt);
        Assert.Equal(timers[2], await Store.FindTimerAsync(timers[2].Id));
        var next = await Store.NextTimerDueAsync();
        Assert.NotNull(next);
        Assert.True(next <= timers[2].DueAt);
    }

    [Fact]
    public async Task FindDueTimers_Max_LimitsTheResult()
    {
        var instance = TestData.Instance();
        var bookmark = TestData.Bookmark(instance);
        var timers = Enumerable.Range(0, 5).Select(i => new WorkflowTimer(TestData.Unique("t"), instance.Id, bookmark.Id, new DateTimeOffset(1970, 1, 1, 0, 0, i, TimeSpan.Zero))).ToList();
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: [bookmark], timers: timers));

        var due = await Store.FindDueTimersAsync(new DateTimeOffset(1970, 1, 2, 0, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(2, due.Count);
        Assert.Equal([timers[0].Id, timers[1].Id], due.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTimersDue_PagedAfterTheLast_WalksEveryTimerOnce()
    {
        var instance = TestData.Instance();
        var bookmark = TestData.Bookmark(instance);
        var timers = Enumerable.Range(0, 7).Select(i => new WorkflowTimer(TestData.Unique("list"), instance.Id, bookmark.Id, TestData.T0.AddMinutes(-i))).ToList();
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: [bookmark], timers: timers));

        var seen = new List<WorkflowTimer>();
        TimerPosition? after = null;
        while (true)
        {
            var page = await Store.ListTimersDueAsync(after, DateTimeOffset.MaxValue, 3);
            Assert.True(page.Count <= 3);
            seen.AddRange(page);
            if (page.Count < 3)
            {
                break;
            }

            after = TimerPosition.Of(page[^1]);
        }

        var mine = seen.Where(t => t.InstanceId == instance.Id).ToList();
        Assert.Equal(timers.OrderBy(t => t.Id, StringComparer.Ordinal), mine.OrderBy(t => t.Id, StringComparer.Ordinal));
        Assert.Equal(seen.Count, seen.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public async Task ListTimersDue_PagedByDueThenId_WalksOneSecondsTimersOnce_AndStopsBeforeTheBound()
    {
        var instance = TestData.Instance();
        var bookmark = TestData.Bookmark(instance);
        var second = new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero);

        // Seven due within one second (five at the same instant, so the id breaks the ties), one just before and one
        // at the next second: the page walk of that second must see the seven, each once, and neither neighbour.
        var inside = Enumerable.Range(0, 7).Select(i => new WorkflowTimer(TestData.Unique("sec"), instance.Id, bookmark.Id, second.AddMilliseconds(i < 5 ? 0 : 100 * i))).ToList();
        var before = new WorkflowTimer(TestData.Unique("sec"), instance.Id, bookmark.Id, second.AddMilliseconds(-1));
        var next = new WorkflowTimer(TestData.Unique("sec"), instance.Id, bookmark.Id, second.AddSeconds(1));
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: [bookmark], timers: [.. inside, before, next]));

        var seen = new List<WorkflowTimer>();
        TimerPosition? after = TimerPosition.Before(second);
        while (true)
        {
            var page = await Store.ListTimersDueAsync(after, second.AddSeconds(1), 2);
            seen.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = TimerPosition.Of(page[^1]);
        }

        Assert.Equal(inside.OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => t.Id), seen.Select(t => t.Id));
        Assert.Contains(before.Id, (await Store.ListTimersDueAsync(null, second, 100)).Select(t => t.Id));
    }

    [Fact]
    public async Task FindManyById_ReadsTheBookmarksAndInstancesThatExist_InOneCall()
    {
        var first = TestData.Instance();
        var second = TestData.Instance();
        var a = TestData.Bookmark(first);
        var b = TestData.Bookmark(second);
        await Store.CommitAsync(TestData.Commit(first, isNew: true, bookmarks: [a]));
        await Store.CommitAsync(TestData.Commit(second, isNew: true, bookmarks: [b]));

        var bookmarks = await Store.FindBookmarksByIdAsync([a.Id, b.Id, "no-such-bookmark"]);
        var instances = await Store.FindInstancesAsync([first.Id, second.Id, "no-such-instance"]);

        Assert.Equal(new[] { a.Id, b.Id }.Order(StringComparer.Ordinal), bookmarks.Select(x => x.Id).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), instances.Select(x => x.Id).Order(StringComparer.Ordinal));
        Assert.Equal(second.Id, bookmarks.Single(x => x.Id == b.Id).InstanceId);
    }

    [Fact]
    public async Task CommitAsync_ConsumedOrRemovedBookmarks_DeletesTheirTimers()
    {
        var instance = TestData.Instance();
        var consumed = TestData.Bookmark(instance);
        var removed = TestData.Bookmark(instance);
        var kept = TestData.Bookmark(instance);
        var timers = new[] { consumed, removed, kept }.Select(b => new WorkflowTimer(TestData.Unique("t"), instance.Id, b.Id, TestData.T0)).ToList();
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: [consumed, removed, kept], timers: timers));

        await Store.CommitAsync(TestData.Commit(await LoadAsync(instance.Id), consumed: consumed.Id, removed: [removed.Id]));

        Assert.Null(await Store.FindTimerAsync(timers[0].Id));
        Assert.Null(await Store.FindTimerAsync(timers[1].Id));
        Assert.Equal(timers[2], await Store.FindTimerAsync(timers[2].Id));
        Assert.Equal([kept.Id], (await Store.GetInstanceDetailsAsync(instance.Id))!.Bookmarks.Select(b => b.Id));
    }

    [Fact]
    public async Task FetchPendingMessages_ThenMarkSent_DeliversInSequenceOrderOnce()
    {
        var instance = TestData.Instance(correlationId: TestData.Unique("corr"));
        var first = TestData.Message(instance, "Test.First") with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
        var second = TestData.Message(instance, "Test.Second");
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, messages: [first, second]));
        var loaded = await LoadAsync(instance.Id);
        var third = TestData.Message(loaded, "Test.Third");
        await Store.CommitAsync(TestData.Commit(loaded, messages: [third]));

        var pending = (await Store.FetchPendingMessagesAsync(10_000)).Where(p => p.Message.InstanceId == instance.Id).ToList();

        Assert.Equal(["Test.First", "Test.Second", "Test.Third"], pending.Select(p => p.Message.MessageType));
        Assert.True(pending[0].Sequence < pending[1].Sequence && pending[1].Sequence < pending[2].Sequence);
        Assert.Equal(first.Id, pending[0].Message.Id);
        Assert.Equal(instance.CorrelationId, pending[0].Message.CorrelationId);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(first.Payload, pending[0].Message.Payload));
        Assert.Equal(first.CreatedAt, pending[0].Message.CreatedAt);
        Assert.Equal(first.TraceParent, pending[0].Message.TraceParent);
        Assert.Null(pending[1].Message.TraceParent);

        await Store.MarkMessagesSentAsync([pending[0].Sequence, pending[1].Sequence], TestData.T0.AddMinutes(1));

        var left = (await Store.FetchPendingMessagesAsync(10_000)).Where(p => p.Message.InstanceId == instance.Id).ToList();
        Assert.Equal([third.Id], left.Select(p => p.Message.Id));
        Assert.Equal(1, await Fixture.ScalarAsync("SELECT COUNT(*) FROM workflow_outbox WHERE instance_id = @id AND sent_at IS NULL", ("@id", instance.Id)));
        await Store.MarkMessagesSentAsync([], TestData.T0);
    }

    [Fact]
    public async Task FetchPendingMessages_Max_ReturnsTheOldestPending()
    {
        var instance = TestData.Instance();
        var messages = Enumerable.Range(0, 4).Select(_ => TestData.Message(instance)).ToList();
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, messages: messages));
        var all = await Store.FetchPendingMessagesAsync(100_000);
        await Store.MarkMessagesSentAsync([.. all.Where(p => p.Message.InstanceId != instance.Id).Select(p => p.Sequence)], TestData.T0);

        var two = await Store.FetchPendingMessagesAsync(2);

        Assert.Equal([messages[0].Id, messages[1].Id], two.Select(p => p.Message.Id));
    }
}
