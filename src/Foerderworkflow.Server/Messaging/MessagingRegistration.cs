using Foerderworkflow.Accounting;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Messaging;
using Foerderworkflow.Notifications;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        builder.Services.AddMessaging(options, ProcessedMessageStore(builder.Configuration), DeadLetterStore(builder.Configuration), consumers =>
        {
            if (hostNotifications)
            {
                consumers.AddNotificationWorker(builder.Configuration);
            }

            if (hostAccounting)
            {
                consumers.AddAccountingWorker(builder.Configuration);
            }
        });
        return builder;
    }

    /// <summary>The outbox backlog gauges, their sampler and the <c>outbox</c> part of <c>/health/ready</c> (needs the workflow store).</summary>
    public static WebApplicationBuilder AddOutboxBacklog(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutboxBacklog>();
        builder.Services.AddHostedService<OutboxBacklogSampler>();
        builder.Services.AddHealthChecks().AddCheck<OutboxBacklogHealthCheck>("outbox", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Registers the bus, <see cref="IMessagePublisher"/> and the idempotency building blocks. <paramref name="consumers"/>
    /// adds consumers (workers hosted in this process, tests). On RabbitMQ they get queues named in kebab case after the
    /// consumer, prefixed with <see cref="MessagingOptions.EndpointPrefix"/>. On the embedded transport they run in
    /// MassTransit's mediator instead, and the outbox relay hands each row to them and waits until they finished
    /// (<see cref="InProcessMessagePublisher"/>); what they give up on is kept in <paramref name="deadLetterStore"/>
    /// (default: <c>./data/dead-letters.db</c>).
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, MessagingOptions options, Action<IRegistrationConfigurator>? consumers = null) =>
        services.AddMessaging(options, null, null, consumers);

    /// <inheritdoc cref="AddMessaging(IServiceCollection, MessagingOptions, Action{IRegistrationConfigurator}?)"/>
    public static IServiceCollection AddMessaging(
        this IServiceCollection services,
        MessagingOptions options,
        Func<IServiceProvider, IProcessedMessageStore>? processedStore,
        Func<IServiceProvider, IDeadLetterStore>? deadLetterStore,
        Action<IRegistrationConfigurator>? consumers)
    {
        services.AddOutboxPublisher(options, processedStore);
        var endpointNames = new KebabCaseEndpointNameFormatter(options.EndpointPrefix, false);
        if (options.Transport == MessagingTransport.InMemory)
        {
            services.AddMediator(mediator => consumers?.Invoke(mediator));
            services.AddSingleton(ConsumerQueues.Of(services, endpointNames));
            services.AddSingleton(sp => deadLetterStore?.Invoke(sp) ?? new SqliteDeadLetterStore(DefaultDeadLetters));
            services.AddSingleton<InProcessMessagePublisher>();
            services.Replace(ServiceDescriptor.Singleton<IMessagePublisher>(sp => sp.GetRequiredService<InProcessMessagePublisher>()));
            services.AddSingleton<DeadLetterRequeue>();
            services.AddHealthChecks().AddCheck<DeadLetterHealthCheck>("dead-letters", tags: ["ready"]);
        }

        // The bus starts in the background: a broker that is down at start-up must not keep the server from serving;
        // the outbox keeps the messages and the relay retries until the bus is connected. On the embedded transport the
        // bus only carries what nobody here consumes (the accounting worker's BookingRecorded).
        services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = false);
        services.AddMassTransit(bus =>
        {
            // MassTransit reports usage data to its vendor at start-up by default: a municipal installation must not
            // phone home (and offline it only logged a stack trace).
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(endpointNames);
            switch (options.Transport)
            {
                case MessagingTransport.RabbitMq:
                    consumers?.Invoke(bus);
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

    private const string DefaultDeadLetters = "Data Source=./data/dead-letters.db";

    private const string ServerProcessedMessages = "server";

    /// <summary>
    /// Everything but the bus itself: options, <see cref="IMessagePublisher"/>, idempotency (tests add MassTransit's
    /// harness instead). <paramref name="processedStore"/> is where consumers of this process record handled message
    /// ids; without one (unit tests) they are kept in memory. The store is the server's own instance, not a service, so
    /// a worker hosted in the same process keeps its own.
    /// </summary>
    internal static IServiceCollection AddOutboxPublisher(this IServiceCollection services, MessagingOptions options, Func<IServiceProvider, IProcessedMessageStore>? processedStore = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(options.Retry);
        // Keyed: a worker hosted in this process registers a store of its own as the plain service.
        services.AddKeyedSingleton(ServerProcessedMessages, (sp, _) => processedStore?.Invoke(sp) ?? new InMemoryProcessedMessageStore(sp.GetService<TimeProvider>()));
        services.AddSingleton<IProcessedMessages>(sp => new ProcessedMessages(sp.GetRequiredKeyedService<IProcessedMessageStore>(ServerProcessedMessages)));
        services.AddHostedService(sp => new ProcessedMessageRetention(
            sp.GetRequiredKeyedService<IProcessedMessageStore>(ServerProcessedMessages), options.ProcessedMessages, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<ProcessedMessageRetention>>()));
        services.AddSingleton<IMessagePublisher, MassTransitMessagePublisher>();
        services.AddSingleton<ErrorQueueRequeue>();
        return services;
    }

    /// <summary>
    /// The server's durable record of handled message ids: the table <c>processed_messages</c> in the workflow database
    /// on PostgreSQL (shared by every node), else a SQLite file of its own (<c>Messaging:ProcessedMessagesConnectionString</c>,
    /// default <c>./data/processed-messages.db</c>), apart from the workflow database so its writes never wait on a burst's.
    /// </summary>
    private static Func<IServiceProvider, IProcessedMessageStore> ProcessedMessageStore(ConfigurationManager configuration)
    {
        return OnPostgreSql(configuration)
            ? sp => new PostgreSqlProcessedMessageStore(configuration.GetConnectionString("Workflow")!, sp.GetRequiredService<TimeProvider>())
            : sp => new SqliteProcessedMessageStore(configuration["Messaging:ProcessedMessagesConnectionString"] ?? "Data Source=./data/processed-messages.db", sp.GetRequiredService<TimeProvider>());
    }

    /// <summary>
    /// Where the embedded transport keeps dead letters: the table <c>dead_letters</c> in the workflow database on
    /// PostgreSQL, else a SQLite file of its own (<c>Messaging:DeadLettersConnectionString</c>, default <c>./data/dead-letters.db</c>).
    /// </summary>
    private static Func<IServiceProvider, IDeadLetterStore> DeadLetterStore(ConfigurationManager configuration)
    {
        return OnPostgreSql(configuration)
            ? _ => new PostgreSqlDeadLetterStore(configuration.GetConnectionString("Workflow")!)
            : _ => new SqliteDeadLetterStore(configuration["Messaging:DeadLettersConnectionString"] ?? DefaultDeadLetters);
    }

    private static bool OnPostgreSql(ConfigurationManager configuration) =>
        Engine.Persistence.WorkflowStoreOptions.ParseProvider(configuration["Workflow:Store"] ?? "Sqlite") == Engine.Persistence.WorkflowStoreProvider.PostgreSql;
}
