using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;

namespace Foerderworkflow.Engine.Persistence.Tests.Infrastructure;

public sealed class NoTimerScheduler : ITimerScheduler
{
    public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers)
    {
    }
}
