using Foerderworkflow.Messaging;
using MassTransit;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// The queue each contract is consumed from, as the endpoint name formatter names a consumer's queue on RabbitMQ
/// (<c>send-email</c>, <c>accounting</c>). On the embedded transport there are no queues; dead letters carry these
/// names so an operator finds and moves them back the same way in both modes.
/// </summary>
internal sealed class ConsumerQueues(IReadOnlyDictionary<Type, string> queueByContract)
{
    public string Of(Type contract) => queueByContract.GetValueOrDefault(contract, "");

    /// <summary>Reads the consumers registered in <paramref name="services"/> (MassTransit registers each as itself).</summary>
    public static ConsumerQueues Of(IServiceCollection services, IEndpointNameFormatter formatter)
    {
        var nameOf = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!;
        var queues = new Dictionary<Type, string>();
        foreach (var consumer in services.Select(d => d.ServiceType).Where(t => t.IsClass && !t.IsAbstract && typeof(IConsumer).IsAssignableFrom(t)).Distinct())
        {
            var queue = (string)nameOf.MakeGenericMethod(consumer).Invoke(formatter, null)!;
            foreach (var contract in ConsumerContracts.Of(consumer))
            {
                queues[contract] = queue;
            }
        }

        return new ConsumerQueues(queues);
    }
}
