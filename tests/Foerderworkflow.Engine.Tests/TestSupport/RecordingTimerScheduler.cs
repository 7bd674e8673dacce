using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>Remembers the timers the runtime handed over after each commit; arms nothing.</summary>
public sealed class RecordingTimerScheduler : ITimerScheduler
{
    private readonly List<WorkflowTimer> committed = [];

    public IReadOnlyList<WorkflowTimer> Committed => committed;

    public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers) => committed.AddRange(timers);
}
