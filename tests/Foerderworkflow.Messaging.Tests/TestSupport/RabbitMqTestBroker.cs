using System.Net.Http.Headers;
using System.Text;
using Foerderworkflow.Server.Messaging;

namespace Foerderworkflow.Messaging.Tests.TestSupport;

/// <summary>
/// The real broker named by <c>FOERDERWORKFLOW_TEST_RABBITMQ</c> (e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>), with
/// a fresh virtual host per test class, made and removed through the management API (port 15672 on the same host, or
/// <c>FOERDERWORKFLOW_TEST_RABBITMQ_MANAGEMENT</c>), so runs never see each other's exchanges, queues or messages.
/// A missing variable fails the test: start the broker with <c>ops/test-services.sh start</c>.
/// </summary>
public sealed class RabbitMqTestBroker : IAsyncLifetime
{
    public const string Variable = "FOERDERWORKFLOW_TEST_RABBITMQ";

    private Uri? managementUrl;

    public Uri Amqp { get; private set; } = null!;

    public string VirtualHost { get; private set; } = $"fw-test-{Guid.NewGuid():N}";

    public string Username { get; private set; } = "";

    public string Password { get; private set; } = "";

    /// <summary>A broker whose virtual host exists already (a <see cref="Foerderworkflow.Testing.PrivateRabbitMqNode"/>'s <c>/</c>): nothing to make or remove.</summary>
    public static RabbitMqTestBroker Existing(Uri amqp, string virtualHost, string username, string password) =>
        new() { Amqp = amqp, VirtualHost = virtualHost, Username = username, Password = password };

    internal MessagingOptions Options(string endpointPrefix = "") => new()
    {
        Transport = MessagingTransport.RabbitMq,
        RabbitMq = new() { Host = Amqp.Host, Port = Amqp.Port, VirtualHost = VirtualHost, Username = Username, Password = Password },
        PublishTimeout = TimeSpan.FromSeconds(10),
        EndpointPrefix = endpointPrefix,
        Retry = new() { Limit = 2, MinInterval = TimeSpan.FromMilliseconds(10), MaxInterval = TimeSpan.FromMilliseconds(50), IntervalDelta = TimeSpan.FromMilliseconds(10) },
    };

    public async Task InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. These tests need a real RabbitMQ: run 'bash ops/test-services.sh start' and set {Variable}=amqp://guest:guest@127.0.0.1:5672/");
        }

        Amqp = new Uri(url);
        var credentials = Uri.UnescapeDataString(Amqp.UserInfo).Split(':', 2);
        Username = credentials.Length == 2 ? credentials[0] : "guest";
        Password = credentials.Length == 2 ? credentials[1] : "guest";
        managementUrl = new Uri(Environment.GetEnvironmentVariable(Variable + "_MANAGEMENT") ?? $"http://{Amqp.Host}:15672/");
        using var management = Management();
        (await management.PutAsync(new Uri($"api/vhosts/{VirtualHost}", UriKind.Relative), Json("{}"))).EnsureSuccessStatusCode();
        (await management.PutAsync(new Uri($"api/permissions/{VirtualHost}/{Uri.EscapeDataString(Username)}", UriKind.Relative), Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (managementUrl is null)
        {
            return;
        }

        using var management = Management();
        using (await management.DeleteAsync(new Uri($"api/vhosts/{VirtualHost}", UriKind.Relative)))
        {
        }
    }

    private HttpClient Management()
    {
        var client = new HttpClient { BaseAddress = managementUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
