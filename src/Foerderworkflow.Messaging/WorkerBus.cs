using Foerderworkflow.Contracts;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foerderworkflow.Messaging;

/// <summary>
/// The MassTransit bus of a worker running as a process of its own (notification worker, accounting worker): RabbitMQ
/// from the <c>Messaging</c> section (InMemory only for trying a host out), kebab-case endpoint names with the
/// configured prefix, and the contracts' exchange names. The worker adds its consumers.
/// </summary>
public static class WorkerBus
{
    public static IServiceCollection AddWorkerBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator> addConsumers,
        bool publisherConfirmation = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(addConsumers);
        var messaging = configuration.GetSection("Messaging").Get<WorkerBusOptions>() ?? new WorkerBusOptions();
        var rabbit = messaging.Transport.Equals("RabbitMQ", StringComparison.OrdinalIgnoreCase);
        if (!rabbit && !messaging.Transport.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException("Messaging", typeof(WorkerBusOptions), [$"Messaging:Transport '{messaging.Transport}' is unknown; use RabbitMQ (or InMemory)."]);
        }

        services.AddMassTransit(bus =>
        {
            // MassTransit reports usage data to its vendor at start-up by default: a municipal installation must not
            // phone home (and offline it only logged a stack trace).
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(messaging.EndpointPrefix, false));
            addConsumers(bus);
            if (rabbit)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var broker = messaging.RabbitMq;
                    cfg.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
                    {
                        host.Username(broker.Username);
                        host.Password(broker.Password);
                        if (publisherConfirmation)
                        {
                            host.PublisherConfirmation = true;
                        }
                    });
                    cfg.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter));
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return services;
    }
}
