using Foerderworkflow.Messaging;
using Foerderworkflow.Notifications.Sending;
using Foerderworkflow.Notifications.Templates;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Notifications;

/// <summary>Wires the notification worker into a MassTransit bus (its own host) or the server's in-process mediator (embedded default).</summary>
public static class NotificationRegistration
{
    /// <summary>What the worker consumes: a publisher makes sure these reach its queue (see docs/messages.md).</summary>
    public static IReadOnlyList<Type> ConsumedContracts { get; } = [.. ConsumerContracts.Of(typeof(SendEmailConsumer)), .. ConsumerContracts.Of(typeof(SendSignInLinkConsumer))];

    /// <summary>
    /// Adds the <c>send-email</c> and <c>send-sign-in-link</c> consumers and what it needs (templates, the mail transport <c>Notifications:Transport</c>
    /// names, the processed-message store), configured from the <c>Notifications</c> section.
    /// </summary>
    public static IRegistrationConfigurator AddNotificationWorker(this IRegistrationConfigurator bus, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return bus.AddNotificationWorker(configuration.GetSection("Notifications").Get<NotificationOptions>() ?? new NotificationOptions());
    }

    /// <inheritdoc cref="AddNotificationWorker(IRegistrationConfigurator, IConfiguration)"/>
    public static IRegistrationConfigurator AddNotificationWorker(this IRegistrationConfigurator bus, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        bus.TryAddSingleton(TimeProvider.System);
        bus.AddSingleton(options);
        bus.AddSingleton<EmailRenderer>();
        bus.AddSingleton<EmailDispatcher>();
        bus.AddSingleton<IProcessedMessageStore>(sp => new SqliteProcessedMessageStore(options.ProcessedMessagesConnectionString, sp.GetRequiredService<TimeProvider>()));
        bus.AddHostedService(sp => new ProcessedMessageRetention(
            sp.GetRequiredService<IProcessedMessageStore>(), options.ProcessedMessages, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ProcessedMessageRetention>>()));
        bus.AddSingleton<IMailTransport>(sp => options.Transport == MailTransportKind.Smtp
            ? new SmtpMailTransport(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SmtpMailTransport>>())
            : new PickupDirectoryMailTransport(options, sp.GetRequiredService<TimeProvider>()));
        bus.AddConsumer<SendEmailConsumer, SendEmailConsumerDefinition>();
        bus.AddConsumer<SendSignInLinkConsumer, SendSignInLinkConsumerDefinition>();
        return bus;
    }
}
