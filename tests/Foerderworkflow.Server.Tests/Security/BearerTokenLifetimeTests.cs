using System.Net;

namespace Foerderworkflow.Server.Tests.Security;

/// <summary>Tokens stop working when they expire, give or take a small clock skew; time is moved on the server's clock, never waited for.</summary>
public sealed class BearerTokenLifetimeTests : IDisposable
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    private readonly ServerFactory factory = new();

    [Fact]
    public async Task BearerToken_ExpiredByMoreThanTheClockSkew_IsRefused()
    {
        var client = await factory.SignedInClientAsync("kuf");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);

        factory.Clock!.Advance(TokenLifetime + TimeSpan.FromSeconds(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task BearerToken_ExpiredWithinTheClockSkew_IsAccepted()
    {
        var client = await factory.SignedInClientAsync("kuf");

        // 15 s past the expiry, well inside the 30 s skew whatever the real time the requests take.
        factory.Clock!.Advance(TokenLifetime + TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    public void Dispose() => factory.Dispose();
}
