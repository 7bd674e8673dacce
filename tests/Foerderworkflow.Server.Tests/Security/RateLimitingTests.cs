using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Server.Security.RateLimiting;
using Foerderworkflow.Server.Tests.Funding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Foerderworkflow.Server.Tests.Security;

/// <summary>
/// Sign-in attempts and requests are limited per client; refusals are 429 with Retry-After and a German problem.
/// The limiter runs on the server's clock: a window ends when the test moves the clock, never by waiting.
/// </summary>
public sealed class RateLimitingTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    [Fact]
    public async Task DevelopmentToken_MoreWrongPasswordsThanTheLimit_AreRefused_AndTheRightOneTooUntilTheWindowPasses()
    {
        using var server = new LimitedServer(perUserName: 5);
        var client = server.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, "admin", $"guess-{i}")).StatusCode);
        }

        await AssertTooManyRequestsAsync(await TokenAsync(client, "admin", "guess-5"));
        await AssertTooManyRequestsAsync(await TokenAsync(client, "admin", "admin"));

        server.Clock!.Advance(Window);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, "admin", "admin")).StatusCode);
    }

    [Fact]
    public async Task StudioSignIn_MoreWrongPasswordsThanTheLimit_AreRefused_AndTheRightOneTooUntilTheWindowPasses()
    {
        using var server = new LimitedServer(perUserName: 5);
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 5; i++)
        {
            var refused = await SignInFormAsync(client, "admin", $"guess-{i}");
            Assert.StartsWith("/studio/signin?error=1", refused.Headers.Location?.OriginalString);
        }

        await AssertTooManyRequestsAsync(await SignInFormAsync(client, "admin", "guess-5"));
        var right = await SignInFormAsync(client, "admin", "admin");
        await AssertTooManyRequestsAsync(right);
        Assert.False(right.Headers.Contains("Set-Cookie"));

        server.Clock!.Advance(Window);
        var accepted = await SignInFormAsync(client, "admin", "admin");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.DoesNotContain("error=1", accepted.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ManyUserNamesFromOneClient_AreRefusedByTheClientLimit()
    {
        using var server = new LimitedServer(perClient: 5);
        var client = server.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, $"user-{i}", "guess")).StatusCode);
        }

        await AssertTooManyRequestsAsync(await TokenAsync(client, "kuf", "kuf"));
    }

    [Fact]
    public async Task Api_MoreRequestsThanTheGlobalLimit_AreRefusedForThatSubjectOnly()
    {
        using var server = new LimitedServer(global: 10);
        var kuf = await server.SignedInClientAsync("kuf");
        var amt = await server.SignedInClientAsync("amt");

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await kuf.GetAsync("/api/tasks")).StatusCode);
        }

        await AssertTooManyRequestsAsync(await kuf.GetAsync("/api/tasks"));
        Assert.Equal(HttpStatusCode.OK, (await amt.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kuf.GetAsync("/health/live")).StatusCode);

        server.Clock!.Advance(Window);
        Assert.Equal(HttpStatusCode.OK, (await kuf.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Api_ANormalCaseWithTheDefaultLimits_IsNotThrottled()
    {
        var defaults = new RateLimitingOptions();
        using var server = new LimitedServer(defaults.Global.PermitLimit, defaults.SignIn.PerClient, defaults.SignIn.PerUserName, defaults.SignIn.Window);
        var api = new FundingApi(server);

        // Seven people sign in from one address and take a case from the application to the payout, with a look at
        // their task lists in between, as the README's walk-through does.
        var id = await api.UpToDecisionAsync();
        await api.ApprovedAndPaidAsync(id);
        foreach (var user in new[] { "traeger", "kuf", "amt", "ausschuss", "ausschuss2" })
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.NotEqual(HttpStatusCode.TooManyRequests, (await api.GetAsync(user, user == "traeger" ? "/api/applications" : "/api/tasks")).StatusCode);
            }
        }
    }

    [Theory]
    [InlineData("RateLimiting:Global:PermitLimit", "0")]
    [InlineData("RateLimiting:SignIn:PerUserName", "-1")]
    [InlineData("RateLimiting:SignIn:Window", "00:00:00")]
    public void Start_InvalidLimit_IsRefused(string key, string value)
    {
        using var server = new ServerFactory();
        using var configured = server.WithWebHostBuilder(b => b.UseSetting(key, value));

        Assert.ThrowsAny<Exception>(() => configured.CreateClient());
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/dev/token", new { userName, password });

    private static Task<HttpResponseMessage> SignInFormAsync(HttpClient client, string userName, string password) =>
        client.PostAsync("/studio/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = userName, ["password"] = password }));

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, CultureInfo.InvariantCulture), 1, (int)Window.TotalSeconds);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.Equal("Zu viele Anfragen", problem["title"]!.GetValue<string>());
        Assert.Contains("Bitte versuchen Sie es in", problem["detail"]!.GetValue<string>());
    }

    /// <summary>The test server with the given limits instead of the raised ones of <see cref="ServerFactory"/>.</summary>
    private sealed class LimitedServer(int global = 1_000_000, int perClient = 1_000_000, int perUserName = 1_000_000, TimeSpan? window = null) : ServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var span = (window ?? Window).ToString("c", CultureInfo.InvariantCulture);
            builder.UseSetting("RateLimiting:Global:PermitLimit", global.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimiting:Global:Window", span);
            builder.UseSetting("RateLimiting:SignIn:PerClient", perClient.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimiting:SignIn:PerUserName", perUserName.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimiting:SignIn:Window", span);
        }
    }
}
