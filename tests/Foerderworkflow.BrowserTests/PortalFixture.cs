using Microsoft.Playwright;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// One portal server and one headless Debian chromium for the portal's browser tests, plus axe-core for the
/// accessibility checks. Fails with a clear message when chromium or axe-core is missing (ops/test.sh provides both).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    /// <summary>Chromium flags for these offline machines: nothing may try to reach the Internet (as for Studio).</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ];

    private IPlaywright? playwright;

    public PortalServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>axe-core's script (axe.min.js), fetched by <c>ops/fetch-axe-core.sh</c>.</summary>
    public string AxeScript { get; private set; } = "";

    /// <summary>
    /// Where each step's screenshots go: TestResults/portal-screenshots/ under the test output folder. Not Studio's
    /// folder, which the Studio fixture empties when its tests start, possibly after the portal's have run.
    /// </summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "portal-screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("FOERDERWORKFLOW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium not found at '{chromium}'. The browser tests use Debian's chromium (never a Playwright download): " +
                "run 'ops/test-services.sh install' (apt-get install chromium) or set FOERDERWORKFLOW_CHROMIUM.");
        }

        var axe = Environment.GetEnvironmentVariable("FOERDERWORKFLOW_AXE_CORE") ?? Path.Combine(RepositoryRoot(), "tests", "Foerderworkflow.BrowserTests", "axe-core");
        AxeScript = Path.Combine(axe, "axe.min.js");
        if (!File.Exists(AxeScript))
        {
            throw new InvalidOperationException(
                $"axe-core not found in '{axe}'. Run 'ops/fetch-axe-core.sh' (ops/test.sh does) or set FOERDERWORKFLOW_AXE_CORE.");
        }

        if (Directory.Exists(ScreenshotFolder))
        {
            Directory.Delete(ScreenshotFolder, recursive: true);
        }

        Directory.CreateDirectory(ScreenshotFolder);
        // Playwright's expectations wait 5 s by default, too short on a machine shared by several builds. The setting is
        // process-wide; it only makes the Studio tests' expectations more patient, never stricter.
        Assertions.SetDefaultExpectTimeout(PortalPage.Timeout);
        Console.WriteLine($"Portal browser test screenshots: {ScreenshotFolder}");
        Server = new PortalServer();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            ChromiumSandbox = false,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Foerderworkflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Foerderworkflow.sln not found above {AppContext.BaseDirectory}.");
    }
}
