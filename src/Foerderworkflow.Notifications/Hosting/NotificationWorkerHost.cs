using Foerderworkflow.Contracts;
using Foerderworkflow.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Foerderworkflow.Notifications.Hosting;

/// <summary>The notification worker as a process of its own (production): a MassTransit bus on RabbitMQ with the <c>send-email</c> consumer.</summary>
public static class NotificationWorkerHost
{
    /// <summary>Defaults of the standalone worker; configuration (environment variables, appsettings) overrides them.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Messaging:Transport"] = "RabbitMQ",
        ["Notifications:Transport"] = "Smtp",
        ["Notifications:HealthFile"] = "/tmp/foerderworkflow-notifications.healthy",
    };

    public static HostApplicationBuilder AddNotificationWorkerHost(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        var messaging = builder.Configuration.GetSection("Messaging").Get<WorkerBusOptions>() ?? new WorkerBusOptions();
        var rabbit = messaging.Transport.Equals("RabbitMQ", StringComparison.OrdinalIgnoreCase);
        if (!rabbit && !messaging.Transport.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException("Messaging", typeof(WorkerBusOptions), [$"Messaging:Transport '{messaging.Transport}' is unknown; use RabbitMQ (or InMemory)."]);
        }

        builder.Services.AddHealthFile(builder.Configuration["Notifications:HealthFile"]);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(messaging.EndpointPrefix, false));
            bus.AddNotificationWorker(builder.Configuration);
            if (rabbit)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var broker = messaging.RabbitMq;
                    cfg.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
                    {
                        host.Username(broker.Username);
                        host.Password(broker.Password);
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
        return builder;
    }
}
