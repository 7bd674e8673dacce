using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Foerderworkflow.Accounting.Hosting;
using Foerderworkflow.Accounting.Ledger;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Notifications.Hosting;
using Foerderworkflow.Notifications.Tests.TestSupport;
using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Foerderworkflow.Messaging.Tests.EndToEnd;

/// <summary>
/// The production shape on the real RabbitMQ (a fresh virtual host): the server's outbox relay, the notification worker
/// (its own host, sending to a real aiosmtpd) and the accounting worker (its own host, SQLite ledger), all three
/// reaching the broker through a <see cref="TcpCutter"/>; and a finance system reading BookingRecorded with plain
/// RabbitMQ.Client on its own queue, directly on the broker (it is the observer, never cut).
/// </summary>
public sealed class FundingSystem : IAsyncDisposable
{
    public const string FinanceQueue = "finanzsystem-buchungen";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly RabbitMqTestBroker broker;
    private readonly string directory = Directory.CreateTempSubdirectory("fw-e2e-").FullName;
    private readonly CancellationTokenSource relayStop = new();
    private ServiceProvider server = null!;
    private IHost notifications = null!;
    private IHost accounting = null!;
    private IConnection financeConnection = null!;
    private IChannel financeChannel = null!;
    private Task relayLoop = Task.CompletedTask;

    private FundingSystem(RabbitMqTestBroker broker, SmtpCatcher? smtp, int smtpPort)
    {
        this.broker = broker;
        Smtp = smtp;
        SmtpPort = smtpPort;
        Cutter = new TcpCutter(broker.Amqp.Host, broker.Amqp.Port);
    }

    public TcpCutter Cutter { get; }

    public SmtpCatcher? Smtp { get; set; }

    public int SmtpPort { get; }

    public string Maildir => Path.Combine(directory, "maildir");

    public IWorkflowStore Store => server.GetRequiredService<IWorkflowStore>();

    public OutboxRelay Relay => server.GetRequiredService<OutboxRelay>();

    public IMessagePublisher Publisher => server.GetRequiredService<IMessagePublisher>();

    internal LedgerStore Ledger => accounting.Services.GetRequiredService<LedgerStore>();

    /// <summary>
    /// Every delivery the finance system's queue handed over: MessageId and the BookingRecorded body's <c>message</c>.
    /// Delivery is at least once (docs/messages.md): a booking whose publisher confirm was lost with the connection is
    /// published again with the same MessageId, so the same id can be here twice.
    /// </summary>
    public ConcurrentQueue<(Guid MessageId, JsonNode Booking)> Deliveries { get; } = new();

    /// <summary>Starts everything; <paramref name="smtpUp"/> false leaves the SMTP port closed until <see cref="StartSmtpAsync"/>.</summary>
    public static async Task<FundingSystem> StartAsync(RabbitMqTestBroker broker, bool smtpUp = true)
    {
        var port = SmtpCatcher.FreePort();
        var system = new FundingSystem(broker, null, port);
        if (smtpUp)
        {
            await system.StartSmtpAsync();
        }

        await system.StartFinanceSubscriberAsync();
        await system.StartServerAsync();
        await system.StartWorkersAsync();
        system.relayLoop = system.Relay.RunAsync(system.relayStop.Token);
        return system;
    }

    public async Task StartSmtpAsync() => Smtp = await SmtpCatcher.StartAsync(SmtpPort, Maildir);

    public int MailCount() => Directory.Exists(Path.Combine(Maildir, "new")) ? Directory.GetFiles(Path.Combine(Maildir, "new")).Length : 0;

    public Task<IReadOnlyList<ReceivedMail>> MailsAsync() => MailParser.ReadMaildirAsync(Maildir, CancellationToken.None);

    /// <summary>Commits an approval as the funding workflow does (the event and the approval e-mail in one burst) and wakes the relay.</summary>
    public async Task<(Guid Approved, Guid Email)> ApproveAsync(string applicationId, decimal amount = 4_500m)
    {
        var messages = await OutboxDatabase.CommitAsync(Store, applicationId, Samples.Approved(applicationId, amount), Samples.ApprovalEmail(applicationId, amount));
        Relay.OnMessagesCommitted();
        return (Guid.Parse(messages[0].Id), Guid.Parse(messages[1].Id));
    }

    /// <summary>
    /// The bookings of <paramref name="applicationId"/> as a finance system that de-duplicates on the MessageId (as
    /// docs/messages.md tells it to) books them: one per distinct MessageId. Two entries mean two different bookings.
    /// </summary>
    public IReadOnlyList<JsonNode> BookingsOf(string applicationId) =>
        [.. Deliveries.DistinctBy(d => d.MessageId).Select(d => d.Booking).Where(b => b["applicationId"]!.GetValue<string>() == applicationId)];

    /// <summary>
    /// Waits until the finance system and the SMTP server have everything of <paramref name="applicationId"/>, then
    /// one more approval as a sentinel: once the sentinel's booking and e-mail are there, every copy committed before
    /// it would have arrived too, so counts taken afterwards are final (no sleeping for "long enough").
    /// </summary>
    public async Task SettleAsync()
    {
        var sentinel = $"sentinel-{Guid.NewGuid():N}";
        var mailsBefore = MailCount();
        await ApproveAsync(sentinel, 1m);
        await Eventually.TrueAsync(() => BookingsOf(sentinel).Count == 1 && MailCount() > mailsBefore, Patience, "the sentinel's booking and e-mail");
    }

    /// <summary>
    /// After an outage: every approval of <paramref name="applications"/> (each approved with 4,500 €) arrives at the
    /// finance subscriber and as an e-mail, and nothing twice in effect. One booking per application in the
    /// de-duplicated view (a re-publish after a lost confirm carries the same MessageId, with the same body), one
    /// e-mail each, the ledger booked each approval once (plus the 1 € sentinel), and the outbox is empty.
    /// </summary>
    public async Task AssertEachArrivedOnceAsync(IReadOnlyList<string> applications, string after)
    {
        await Eventually.TrueAsync(() => applications.All(a => BookingsOf(a).Count >= 1) && MailCount() >= applications.Count, Patience, $"every booking and e-mail {after}");
        await SettleAsync();

        Assert.All(applications, a => Assert.Single(BookingsOf(a)));
        Assert.All(Deliveries.GroupBy(d => d.MessageId), copies => Assert.Single(copies.Select(c => c.Booking.ToJsonString()).Distinct()));
        var mails = await MailsAsync();
        Assert.Equal(applications.Count + 1, mails.Count);
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Empty(await Store.FetchPendingMessagesAsync(10));
        var balance = Assert.Single(await Ledger.BalancesAsync(CancellationToken.None));
        Assert.Equal((applications.Count * 4_500m) + 1m, balance.Totals.Committed / 100m);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await relayStop.CancelAsync();
            await relayLoop.ContinueWith(static _ => { }, TaskScheduler.Default);
            foreach (var host in new[] { notifications, accounting })
            {
                if (host is not null)
                {
                    await host.StopAsync(CancellationToken.None);
                    host.Dispose();
                }
            }

            if (server is not null)
            {
                await server.GetRequiredService<IBusControl>().StopAsync(CancellationToken.None);
                await server.DisposeAsync();
            }

            if (financeChannel is not null)
            {
                await financeChannel.DisposeAsync();
                await financeConnection.DisposeAsync();
            }
        }
        finally
        {
            // Whatever failed above, the SMTP child process and the relay's port must not outlive the test.
            await Cutter.DisposeAsync();
            if (Smtp is not null)
            {
                await Smtp.DisposeAsync();
            }

            relayStop.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A worker thread may still hold a SQLite file for a moment; the folder is in the temp area.
            }
        }
    }

    private async Task StartFinanceSubscriberAsync()
    {
        var factory = new ConnectionFactory { HostName = broker.Amqp.Host, Port = broker.Amqp.Port, UserName = broker.Username, Password = broker.Password, VirtualHost = broker.VirtualHost, NetworkRecoveryInterval = TimeSpan.FromSeconds(1) };
        financeConnection = await factory.CreateConnectionAsync();
        financeChannel = await financeConnection.CreateChannelAsync();
        // As docs/messages.md tells a finance system: its own durable queue on the contract's fanout exchange.
        await financeChannel.ExchangeDeclareAsync("foerderworkflow:BookingRecorded", ExchangeType.Fanout, durable: true);
        await financeChannel.QueueDeclareAsync(FinanceQueue, durable: true, exclusive: false, autoDelete: false);
        await financeChannel.QueueBindAsync(FinanceQueue, "foerderworkflow:BookingRecorded", routingKey: "");
        var consumer = new AsyncEventingBasicConsumer(financeChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var envelope = JsonNode.Parse(Encoding.UTF8.GetString(delivery.Body.Span))!;
            Deliveries.Enqueue((Guid.Parse(envelope["messageId"]!.GetValue<string>()), envelope["message"]!));
            await financeChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await financeChannel.BasicConsumeAsync(FinanceQueue, autoAck: false, consumer);
    }

    private async Task StartServerAsync()
    {
        var options = broker.Options();
        options.RabbitMq.Port = Cutter.Port;
        options.PublishTimeout = TimeSpan.FromSeconds(3);
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddTestWorkflowStore(Path.Combine(directory, "workflow.db"))
            .AddMessaging(options);
        collection.AddSingleton(sp => new OutboxRelay(sp.GetRequiredService<IWorkflowStore>(), sp.GetRequiredService<IMessagePublisher>(), TimeProvider.System));
        server = collection.BuildServiceProvider();
        await server.MigrateWorkflowStoreAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await server.GetRequiredService<IBusControl>().StartAsync(timeout.Token);
    }

    private async Task StartWorkersAsync()
    {
        // Stated, not defaulted: the server's appsettings.json (InMemory) is copied into this test's output folder.
        var bus = new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMQ",
            ["Messaging:RabbitMq:Host"] = "127.0.0.1",
            ["Messaging:RabbitMq:Port"] = Cutter.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging:RabbitMq:VirtualHost"] = broker.VirtualHost,
            ["Messaging:RabbitMq:Username"] = broker.Username,
            ["Messaging:RabbitMq:Password"] = broker.Password,
        };

        var notificationBuilder = Host.CreateApplicationBuilder();
        notificationBuilder.Configuration.AddInMemoryCollection(bus);
        notificationBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Transport"] = "Smtp",
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Smtp:AttemptTimeout"] = "00:00:05",
            ["Notifications:Smtp:RetryBaseDelay"] = "00:00:00.100",
            ["Notifications:Smtp:RetryMaxDelay"] = "00:00:00.500",
            ["Notifications:Smtp:BreakDuration"] = "00:00:00.500",
            ["Notifications:Smtp:BreakerSamplingDuration"] = "00:00:02",
            ["Notifications:Retry:Limit"] = "50",
            ["Notifications:Retry:MinInterval"] = "00:00:00.200",
            ["Notifications:Retry:MaxInterval"] = "00:00:01",
            ["Notifications:Retry:IntervalDelta"] = "00:00:00.200",
            ["Notifications:StatusPageBaseUrl"] = "https://foerderung.example.de/portal",
            ["Notifications:ProcessedMessagesConnectionString"] = $"Data Source={Path.Combine(directory, "notifications.db")}",
        });
        notificationBuilder.AddNotificationWorkerHost();
        notifications = notificationBuilder.Build();

        var accountingBuilder = Host.CreateApplicationBuilder();
        accountingBuilder.Configuration.AddInMemoryCollection(bus);
        accountingBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Accounting:ConnectionString"] = $"Data Source={Path.Combine(directory, "accounting.db")}",
            ["Accounting:PublishTimeout"] = "00:00:03",
            ["Accounting:HealthFile"] = "",
        });
        accountingBuilder.AddAccountingWorkerHost();
        accounting = accountingBuilder.Build();

        foreach (var host in new[] { notifications, accounting })
        {
            await host.StartAsync();
            var busControl = host.Services.GetRequiredService<IBusControl>();
            if (await busControl.WaitForHealthStatus(BusHealthStatus.Healthy, Patience) != BusHealthStatus.Healthy)
            {
                throw new InvalidOperationException($"A worker's bus did not become healthy: {busControl.CheckHealth().Description}");
            }
        }
    }
}
