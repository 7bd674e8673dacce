using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Foerderworkflow.Accounting.Hosting;
using Foerderworkflow.Contracts;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Foerderworkflow.Benchmarks;

/// <summary>
/// <c>--messaging</c>: approval → finance subscriber over the real RabbitMQ, beside the raw confirmed-publish rate of
/// RabbitMQ.Client measured in the same run. ApplicationApproved is published one at a time with publisher confirms
/// (as the outbox relay does); the accounting worker (its own host, SQLite ledger, WAL + synchronous=FULL) books it and
/// publishes BookingRecorded through its outbox; a plain RabbitMQ.Client subscriber on its own queue receives it.
/// Latency = from the start of the approval's publish to the booking's arrival at the subscriber. A fresh virtual
/// host per run (management API on port 15672), removed afterwards.
/// </summary>
internal static class MessagingBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var events = 2_000;
        var amqp = new Uri(Environment.GetEnvironmentVariable("FOERDERWORKFLOW_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--messaging": break;
                case "--events": events = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rabbitmq": amqp = new Uri(args[++i]); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}' (messaging mode: --events N --rabbitmq amqp://…).");
            }
        }

        var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        var (user, password) = credentials.Length == 2 ? (credentials[0], credentials[1]) : ("guest", "guest");
        var virtualHost = $"fw-bench-{Guid.NewGuid():N}";
        using var management = new HttpClient { BaseAddress = new Uri($"http://{amqp.Host}:15672/"), Timeout = TimeSpan.FromSeconds(30) };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        (await management.PutAsync(new Uri($"api/vhosts/{virtualHost}", UriKind.Relative), Json("{}"))).EnsureSuccessStatusCode();
        (await management.PutAsync(new Uri($"api/permissions/{virtualHost}/{Uri.EscapeDataString(user)}", UriKind.Relative), Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        var directory = Directory.CreateTempSubdirectory("fw-bench-messaging-").FullName;
        try
        {
            var factory = new ConnectionFactory { HostName = amqp.Host, Port = amqp.Port, VirtualHost = virtualHost, UserName = user, Password = password };
            Console.WriteLine($"== Messaging over RabbitMQ ({amqp.Host}:{amqp.Port}), {events} approvals");
            var raw = await RawConfirmedPublishAsync(factory, events);
            Console.WriteLine($"raw RabbitMQ.Client confirmed publish (one at a time): {raw:F0} msg/s");
            var (rate, p50, p99, publishRate) = await ApprovalToFinanceAsync(factory, amqp, virtualHost, user, password, directory, events);
            Console.WriteLine($"approval publish (MassTransit, confirmed):           {publishRate:F0} msg/s ({publishRate / raw:P0} of raw)");
            Console.WriteLine($"approval → finance subscriber (BookingRecorded):    {rate:F0} events/s ({rate / raw:P0} of raw)");
            Console.WriteLine($"latency approval publish → booking received:       p50 {p50.TotalMilliseconds:F1} ms, p99 {p99.TotalMilliseconds:F1} ms");
        }
        finally
        {
            using (await management.DeleteAsync(new Uri($"api/vhosts/{virtualHost}", UriKind.Relative)))
            {
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>What the broker alone gives: a ~1 KB persistent message, each publish awaited until confirmed.</summary>
    private static async Task<double> RawConfirmedPublishAsync(ConnectionFactory factory, int count)
    {
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync("bench-raw", durable: true, exclusive: false, autoDelete: false);
        var body = Encoding.UTF8.GetBytes(new string('x', 1_024));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await channel.BasicPublishAsync("", "bench-raw", mandatory: true, properties, body);
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, TimeSpan P50, TimeSpan P99, double PublishRate)> ApprovalToFinanceAsync(
        ConnectionFactory factory, Uri amqp, string virtualHost, string user, string password, string directory, int count)
    {
        var started = new ConcurrentDictionary<Guid, long>();
        var latencies = new ConcurrentBag<long>();
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long lastArrival = 0;

        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("foerderworkflow:BookingRecorded", ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync("finanzsystem-buchungen", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync("finanzsystem-buchungen", "foerderworkflow:BookingRecorded", routingKey: "");
        await channel.BasicQosAsync(0, 100, global: false);
        var subscriber = new AsyncEventingBasicConsumer(channel);
        subscriber.ReceivedAsync += async (_, delivery) =>
        {
            var now = Stopwatch.GetTimestamp();
            var source = Guid.Parse(JsonNode.Parse(delivery.Body.Span)!["message"]!["sourceMessageId"]!.GetValue<string>());
            if (started.TryGetValue(source, out var at))
            {
                latencies.Add(now - at);
                Interlocked.Exchange(ref lastArrival, now);
                if (latencies.Count == count)
                {
                    allArrived.TrySetResult();
                }
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync("finanzsystem-buchungen", autoAck: false, subscriber);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMQ",
            ["Messaging:RabbitMq:Host"] = amqp.Host,
            ["Messaging:RabbitMq:Port"] = amqp.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging:RabbitMq:VirtualHost"] = virtualHost,
            ["Messaging:RabbitMq:Username"] = user,
            ["Messaging:RabbitMq:Password"] = password,
            ["Accounting:ConnectionString"] = $"Data Source={Path.Combine(directory, "accounting.db")}",
            ["Accounting:HealthFile"] = "",
        });
        builder.AddAccountingWorkerHost();
        using var worker = builder.Build();
        await worker.StartAsync();
        await worker.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));

        // The server's side: MassTransit with publisher confirms and the contracts' exchange names, one publish at a time.
        var publisher = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(amqp.Host, (ushort)amqp.Port, virtualHost, host =>
            {
                host.Username(user);
                host.Password(password);
                host.PublisherConfirmation = true;
            });
            rabbit.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter));
        });
        await publisher.StartAsync();
        try
        {
            var first = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var messageId = NewId.NextGuid();
                started[messageId] = Stopwatch.GetTimestamp();
                await publisher.Publish(new ApplicationApproved
                {
                    ApplicationId = $"BENCH-{i}",
                    Fund = "Aktions- und Initiativfonds",
                    BudgetYear = 2026,
                    OccurredAt = new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero),
                    DecisionId = $"B-{i}",
                    ApprovedAmount = MoneyAmount.Euro(1_000m + i),
                }, context => context.MessageId = messageId);
            }

            var published = Stopwatch.GetElapsedTime(first);
            await allArrived.Task.WaitAsync(TimeSpan.FromMinutes(10));
            var total = Stopwatch.GetElapsedTime(first, Interlocked.Read(ref lastArrival));
            var sorted = latencies.Select(t => Stopwatch.GetElapsedTime(0, t)).Order().ToList();
            return (count / total.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), count / published.TotalSeconds);
        }
        finally
        {
            await publisher.StopAsync();
            await worker.StopAsync();
        }
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
