using System.Runtime.CompilerServices;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Scheduling;

/// <summary>The stored timers due before a bound, in due order, a page at a time (keyset paging, never all at once).</summary>
internal static class TimerPages
{
    public static async IAsyncEnumerable<IReadOnlyList<WorkflowTimer>> ReadAsync(IWorkflowStore store, TimerPosition? after, DateTimeOffset dueBefore, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await store.ListTimersDueAsync(after, dueBefore, pageSize, cancellationToken);
            if (page.Count > 0)
            {
                yield return page;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = TimerPosition.Of(page[^1]);
        }
    }
}
