using Microsoft.Playwright;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// One server and one headless Debian chromium for all browser tests. Fails with a clear message when chromium or the
/// Elsa Studio package is missing (ops/test.sh installs both).
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    /// <summary>Chromium flags for these offline machines: nothing may try to reach the Internet.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ];

    private IPlaywright? playwright;

    public StudioServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where each step's screenshot goes: TestResults/screenshots/ under the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("FOERDERWORKFLOW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium not found at '{chromium}'. The browser tests use Debian's chromium (never a Playwright download): " +
                "run 'ops/test-services.sh install' (apt-get install chromium) or set FOERDERWORKFLOW_CHROMIUM.");
        }

        var package = Environment.GetEnvironmentVariable("FOERDERWORKFLOW_STUDIO_PACKAGE") ?? Path.Combine(RepositoryRoot(), "src", "Foerderworkflow.Server", "elsa-studio");
        if (!File.Exists(Path.Combine(package, "_framework", "blazor.webassembly.js")))
        {
            throw new InvalidOperationException(
                $"Elsa Studio package not found in '{package}'. Run 'ops/fetch-elsa-studio.sh' (ops/test.sh does) or set FOERDERWORKFLOW_STUDIO_PACKAGE.");
        }

        if (Directory.Exists(ScreenshotFolder))
        {
            Directory.Delete(ScreenshotFolder, recursive: true);
        }

        Directory.CreateDirectory(ScreenshotFolder);
        Console.WriteLine($"Browser test screenshots: {ScreenshotFolder}");
        Server = new StudioServer(package);
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

[CollectionDefinition(Name)]
public sealed class StudioBrowserGroup : ICollectionFixture<StudioFixture>
{
    public const string Name = "Elsa Studio in chromium";
}
