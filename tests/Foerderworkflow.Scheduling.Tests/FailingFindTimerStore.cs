using System.Reflection;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Scheduling.Tests;

/// <summary>A workflow store whose first <c>FindTimerAsync</c> calls fail, as if the database were briefly down.</summary>
public class FailingFindTimerStore : DispatchProxy
{
    private IWorkflowStore inner = null!;
    private int failuresLeft;

    public static IWorkflowStore Wrap(IWorkflowStore inner, int failures)
    {
        var proxy = Create<IWorkflowStore, FailingFindTimerStore>();
        var self = (FailingFindTimerStore)(object)proxy;
        self.inner = inner;
        self.failuresLeft = failures;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IWorkflowStore.FindTimerAsync) && Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            return Task.FromException<WorkflowTimer?>(new InvalidOperationException("injected failure: the store is down"));
        }

        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
