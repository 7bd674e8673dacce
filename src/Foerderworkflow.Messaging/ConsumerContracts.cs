using MassTransit;

namespace Foerderworkflow.Messaging;

/// <summary>The message contracts a consumer type handles (its <c>IConsumer&lt;T&gt;</c> interfaces).</summary>
public static class ConsumerContracts
{
    public static IReadOnlyList<Type> Of(Type consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return [.. consumer.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)).Select(i => i.GetGenericArguments()[0])];
    }
}
