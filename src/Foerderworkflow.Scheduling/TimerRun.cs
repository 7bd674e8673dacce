namespace Foerderworkflow.Scheduling;

/// <summary>What a timer job did; left in <see cref="Quartz.IJobExecutionContext.Result"/> (as a list of <see cref="TimerRun"/>) for listeners and tests.</summary>
public enum TimerJobOutcome
{
    /// <summary>The timer resumed its bookmark.</summary>
    Fired,

    /// <summary>The timer is no longer stored (its bookmark was consumed in time, or another node fired it).</summary>
    Gone,

    /// <summary>The timer is stored but resumed nothing (its bookmark is gone, or its instance is faulted).</summary>
    NothingResumed,

    /// <summary>Firing failed; a retry was scheduled.</summary>
    Failed,
}

/// <summary>
/// One timer fired by a job: which, due when (unknown for a timer that was gone), with what outcome, and when the
/// firing ended (its commit, if it fired); the difference is the timer's lateness.
/// </summary>
public sealed record TimerRun(string TimerId, DateTimeOffset? DueAt, TimerJobOutcome Outcome, DateTimeOffset EndedAt);
