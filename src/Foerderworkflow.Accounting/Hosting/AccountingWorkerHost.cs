using Foerderworkflow.Messaging;
using Foerderworkflow.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Foerderworkflow.Accounting.Hosting;

/// <summary>The accounting worker as a process of its own (production): a MassTransit bus on RabbitMQ with the <c>accounting</c> consumer.</summary>
public static class AccountingWorkerHost
{
    /// <summary>Defaults of the standalone worker; configuration (environment variables, appsettings) overrides them.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Messaging:Transport"] = "RabbitMQ",
        ["Accounting:HealthFile"] = "/tmp/foerderworkflow-accounting.healthy",
    };

    public static HostApplicationBuilder AddAccountingWorkerHost(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.AddTelemetry("foerderworkflow-accounting");
        builder.Services.AddHealthFile(builder.Configuration["Accounting:HealthFile"]);

        // BookingRecorded rows are marked sent only after the broker confirmed them.
        builder.Services.AddWorkerBus(builder.Configuration, bus => bus.AddAccountingWorker(builder.Configuration), publisherConfirmation: true);
        return builder;
    }
}
