using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Timers;

/// <summary>
/// Arms committed timers. The in-process <see cref="PollingTimerScheduler"/> serves one node; a Quartz-backed one
/// (clustered, persistent) replaces it in production.
/// </summary>
public interface ITimerScheduler
{
    void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers);
}
