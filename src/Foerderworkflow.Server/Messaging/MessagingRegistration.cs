using Foerderworkflow.Accounting;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Notifications;
using MassTransit;

namespace Foerderworkflow.Server.Messaging;

/// <summary>Wires MassTransit as the outbox's transport, on the transport <c>Messaging:Transport</c> names.</summary>
internal static class MessagingRegistration
{
    /// <summary>
    /// Reads the <c>Messaging</c> section (see <see cref="MessagingOptions"/>); InMemory when it is absent. The
    /// notification and accounting workers run in this process when <c>Notifications:HostInServer</c> and
    /// <c>Accounting:HostInServer</c> say so, by default on the in-memory transport (nobody else could receive the
    /// messages); on RabbitMQ each is a process of its own.
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        var embedded = options.Transport == MessagingTransport.InMemory;
        var hostNotifications = builder.Configuration.GetValue<bool?>("Notifications:HostInServer") ?? embedded;
        var hostAccounting = builder.Configuration.GetValue<bool?>("Accounting:HostInServer") ?? embedded;
        builder.Services.AddSingleton<OutboxBacklog>();
        builder.Services.AddHostedService<OutboxBacklogSampler>();
        builder.Services.AddHealthChecks().AddCheck<OutboxBacklogHealthCheck>("outbox", tags: ["ready"]);
        builder.Services.AddMessaging(options, bus =>
        {
            if (hostNotifications)
            {
                bus.AddNotificationWorker(builder.Configuration);
            }

            if (hostAccounting)
            {
                bus.AddAccountingWorker(builder.Configuration);
            }
        });
        return builder;
    }

    /// <summary>
    /// Registers the bus, <see cref="IMessagePublisher"/> and the idempotency building blocks. <paramref name="consumers"/>
    /// adds consumers (workers hosted in this process, tests); their queues are named in kebab case after the consumer,
    /// prefixed with <see cref="MessagingOptions.EndpointPrefix"/>.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, MessagingOptions options, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        services.AddOutboxPublisher(options);

        // The bus starts in the background: a broker that is down at start-up must not keep the server from serving;
        // the outbox keeps the messages and the relay retries until the bus is connected.
        services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = false);
        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, false));
            consumers?.Invoke(bus);
            switch (options.Transport)
            {
                case MessagingTransport.RabbitMq:
                    bus.UsingRabbitMq((context, rabbit) =>
                    {
                        var broker = options.RabbitMq;
                        rabbit.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
                        {
                            host.Username(broker.Username);
                            host.Password(broker.Password);
                            host.PublisherConfirmation = true;
                        });
                        rabbit.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter));
                        rabbit.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    bus.UsingInMemory((context, memory) => memory.ConfigureEndpoints(context));
                    break;
            }
        });
        return services;
    }

    /// <summary>Everything but the bus itself: options, <see cref="IMessagePublisher"/>, idempotency (tests add MassTransit's harness instead).</summary>
    internal static IServiceCollection AddOutboxPublisher(this IServiceCollection services, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(options.Retry);
        services.AddSingleton<IProcessedMessages, InMemoryProcessedMessages>();
        services.AddSingleton<IMessagePublisher, MassTransitMessagePublisher>();
        services.AddSingleton<ErrorQueueRequeue>();
        return services;
    }
}
