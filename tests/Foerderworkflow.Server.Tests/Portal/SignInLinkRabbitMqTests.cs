using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Foerderworkflow.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Foerderworkflow.Server.Tests.Portal;

/// <summary>
/// The production path of a sign-in link: the server publishes <c>SendSignInLink</c> on the real RabbitMQ (a fresh
/// virtual host; <c>FOERDERWORKFLOW_TEST_RABBITMQ</c>), mandatory, and the notification worker consumes it from its
/// queue <c>send-sign-in-link</c> (hosted in the server here, its own process in production: the same consumer).
/// </summary>
public sealed partial class SignInLinkRabbitMqTests : IClassFixture<SignInLinkRabbitMqTests.RabbitMqServerFactory>
{
    private readonly RabbitMqServerFactory factory;

    public SignInLinkRabbitMqTests(RabbitMqServerFactory factory) => this.factory = factory;

    [Fact]
    public async Task Link_OverRabbitMq_ArrivesAndSignsIn()
    {
        await factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var address = $"verein-{Guid.NewGuid():N}@beispiel.de";

        var token = PortalForms.AntiforgeryToken(await browser.GetStringAsync("/anmelden"));
        var answer = await browser.PostAsync("/anmelden?handler=link", new FormUrlEncodedContent(
            [new("__fw_token", token), new("email", address), new("returnUrl", "/antraege")]));
        Assert.Contains("Anmeldelink an die angegebene", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        string? link = null;
        await Poll.UntilAsync(
            async () => (link = await LinkToAsync(address)) is not null, TimeSpan.FromSeconds(60), $"the sign-in link to {address} in {factory.MailFolder}");
        var path = link!;
        var redeemed = await browser.PostAsync("/anmelden/link", new FormUrlEncodedContent(
            [new("__fw_token", PortalForms.AntiforgeryToken(await browser.GetStringAsync(path))), new("code", path[(path.IndexOf("code=", StringComparison.Ordinal) + 5)..])]));

        Assert.Equal(HttpStatusCode.Redirect, redeemed.StatusCode);
        Assert.Equal("/antraege", redeemed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/antraege")).StatusCode);
    }

    private async Task<string?> LinkToAsync(string address)
    {
        foreach (var file in Directory.Exists(factory.MailFolder) ? Directory.GetFiles(factory.MailFolder, "*.eml") : [])
        {
            using var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == address) && LinkInMail().Match(message.TextBody ?? "") is { Success: true } match)
            {
                return new Uri(match.Value).PathAndQuery;
            }
        }

        return null;
    }

    [GeneratedRegex(@"https?://\S+/anmelden/link\?code=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkInMail();

    /// <summary>The server on RabbitMQ in a virtual host of its own, with the notification worker hosted in it.</summary>
    public sealed class RabbitMqServerFactory : ServerFactory
    {
        private const string Variable = "FOERDERWORKFLOW_TEST_RABBITMQ";

        private readonly string virtualHost = $"fw-signin-{Guid.NewGuid():N}";
        private readonly Uri amqp;
        private readonly (string User, string Password) credentials;

        public RabbitMqServerFactory()
        {
            var url = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(url))
            {
                throw new InvalidOperationException($"{Variable} is not set. Run 'bash ops/test-services.sh start' and set {Variable}=amqp://guest:guest@127.0.0.1:5672/");
            }

            amqp = new Uri(url);
            var parts = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
            credentials = parts.Length == 2 ? (parts[0], parts[1]) : ("guest", "guest");
            using var management = Management();
            management.PutAsync(new Uri($"api/vhosts/{virtualHost}", UriKind.Relative), Json("{}")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
            management.PutAsync(new Uri($"api/permissions/{virtualHost}/{Uri.EscapeDataString(credentials.User)}", UriKind.Relative), Json("""{"configure":".*","write":".*","read":".*"}"""))
                .GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Messaging:Transport", "RabbitMQ");
            builder.UseSetting("Messaging:RabbitMq:Host", amqp.Host);
            builder.UseSetting("Messaging:RabbitMq:Port", amqp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Messaging:RabbitMq:VirtualHost", virtualHost);
            builder.UseSetting("Messaging:RabbitMq:Username", credentials.User);
            builder.UseSetting("Messaging:RabbitMq:Password", credentials.Password);
            builder.UseSetting("Notifications:HostInServer", "true");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                using var management = Management();
                using var deleted = management.DeleteAsync(new Uri($"api/vhosts/{virtualHost}", UriKind.Relative)).GetAwaiter().GetResult();
            }
        }

        private HttpClient Management()
        {
            var client = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable(Variable + "_MANAGEMENT") ?? $"http://{amqp.Host}:15672/"), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}")));
            return client;
        }

        private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
    }
}
