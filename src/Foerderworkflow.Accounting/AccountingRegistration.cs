using Foerderworkflow.Accounting.Ledger;
using Foerderworkflow.Accounting.Outbox;
using Foerderworkflow.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Foerderworkflow.Accounting;

/// <summary>Wires the accounting worker into a MassTransit bus (its own host) or the server's in-process mediator (embedded default).</summary>
public static class AccountingRegistration
{
    /// <summary>What the worker consumes: a publisher makes sure these reach its queue (see docs/messages.md).</summary>
    public static IReadOnlyList<Type> ConsumedContracts { get; } = ConsumerContracts.Of(typeof(AccountingConsumer));

    /// <summary>
    /// Adds the <c>accounting</c> consumer, the ledger (<c>Accounting:Store</c>, <c>Accounting:ConnectionString</c>) and the
    /// relay that publishes its BookingRecorded events, configured from the <c>Accounting</c> section.
    /// </summary>
    public static IRegistrationConfigurator AddAccountingWorker(this IRegistrationConfigurator bus, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return bus.AddAccountingWorker(configuration.GetSection("Accounting").Get<AccountingOptions>() ?? new AccountingOptions());
    }

    /// <inheritdoc cref="AddAccountingWorker(IRegistrationConfigurator, IConfiguration)"/>
    public static IRegistrationConfigurator AddAccountingWorker(this IRegistrationConfigurator bus, AccountingOptions options)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        bus.TryAddSingleton(TimeProvider.System);
        bus.AddSingleton(options);
        bus.AddSingleton<LedgerStore>();
        bus.AddSingleton<BookingRelay>();
        bus.AddHostedService(sp => sp.GetRequiredService<BookingRelay>());
        bus.AddConsumer<AccountingConsumer, AccountingConsumerDefinition>();
        return bus;
    }
}
