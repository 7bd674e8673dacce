using System.Reflection;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Scheduling.Tests;

/// <summary>A workflow store in which some calls of one method fail (after <c>skip</c> that succeed), as if the database were briefly down.</summary>
public class FailingStore : DispatchProxy
{
    private IWorkflowStore inner = null!;
    private string method = "";
    private int failuresLeft;
    private int skipsLeft;

    public static IWorkflowStore Wrap(IWorkflowStore inner, string method, int failures, int skip = 0)
    {
        var proxy = Create<IWorkflowStore, FailingStore>();
        var self = (FailingStore)(object)proxy;
        self.inner = inner;
        self.method = method;
        self.failuresLeft = failures;
        self.skipsLeft = skip;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == method && Interlocked.Decrement(ref skipsLeft) < 0 && Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            var failure = new InvalidOperationException("injected failure: the store is down");
            if (!targetMethod.ReturnType.IsGenericType)
            {
                return Task.FromException(failure);
            }

            return typeof(Task).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Single(m => m is { Name: nameof(Task.FromException), IsGenericMethod: true })
                .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0])
                .Invoke(null, [failure]);
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
