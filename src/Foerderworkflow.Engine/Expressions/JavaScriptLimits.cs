namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// What one evaluation of a JavaScript expression may spend. Expressions are drawn in Studio by people, not
/// reviewed code: a <c>while (true)</c> or a growing string must end as an incident on that instance, not hold a
/// burst (and its database connection) or the node's memory.
/// </summary>
public sealed class JavaScriptLimits
{
    /// <summary>Wall time for one evaluation; an expression takes microseconds, so this only ever stops a loop.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Stops a loop on a busy node before the time limit would, and independently of the clock.</summary>
    public int MaxStatements { get; init; } = 100_000;

    /// <summary>Bytes one evaluation may allocate, counting the conversion of the instance's state it reads.</summary>
    public long MaxAllocatedBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Nested calls; unbounded recursion would otherwise end in a stack overflow, which kills the process.</summary>
    public int MaxRecursionDepth { get; init; } = 100;

    /// <summary>Largest array a script may create in one step (<c>new Array(n)</c> allocates before any check runs).</summary>
    public uint MaxArrayLength { get; init; } = 1_000_000;

    /// <summary>Throws when a limit is not positive: Jint reads a zero or negative limit as "no limit".</summary>
    public JavaScriptLimits Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout == TimeSpan.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The JavaScript time limit must be positive and finite.");
        }

        if (MaxStatements is <= 0 or int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxStatements), MaxStatements, "The JavaScript statement limit must be positive and below Int32.MaxValue.");
        }

        if (MaxAllocatedBytes is <= 0 or long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAllocatedBytes), MaxAllocatedBytes, "The JavaScript memory limit must be positive and below Int64.MaxValue.");
        }

        if (MaxRecursionDepth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRecursionDepth), MaxRecursionDepth, "The JavaScript recursion limit must be positive.");
        }

        if (MaxArrayLength == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxArrayLength), MaxArrayLength, "The JavaScript array limit must be positive.");
        }

        return this;
    }
}
