using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// The harness itself: a page that breaks the rules must fail a step. Without this, a check that silently ran nothing
/// (axe not loaded, console not observed) would look exactly like a portal without faults.
/// </summary>
[Collection(PortalBrowserGroup.Name)]
public sealed class PortalHarnessTests(PortalFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Check_FailsOnSeriousAxeViolations_AndOnAContentSecurityPolicyViolation()
    {
        await using var portal = await PortalPage.OpenAsync(fixture, "portal-harness", output);
        var page = portal.Page;
        await portal.GotoAsync("/");

        // An image without a text alternative (axe: image-alt, critical), and an inline script the CSP must refuse.
        await page.EvaluateAsync(
            """
            () => {
              const image = document.createElement('img');
              image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
              document.querySelector('main').appendChild(image);
              const script = document.createElement('script');
              script.textContent = 'window.injected = true;';
              document.body.appendChild(script);
            }
            """);
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"), "The inline script ran: the page has no CSP.");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => portal.CheckAsync("regelverstoesse"));
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Content Security Policy", failure.Message, StringComparison.Ordinal);
        // Both widths were checked.
        Assert.Contains("at 1280 px", failure.Message, StringComparison.Ordinal);
        Assert.Contains("at 375 px", failure.Message, StringComparison.Ordinal);
    }
}
