using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>A browser context on the server with numbered screenshots per test, and the Studio designer's locators.</summary>
public sealed class StudioPage(IBrowserContext context, IPage page, string testName, ITestOutputHelper output) : IAsyncDisposable
{
    /// <summary>Blazor WebAssembly boots ~31 MB on first load: generous on a busy 2-core CI machine.</summary>
    public const float Timeout = 120_000;

    private int step;

    public IPage Page { get; } = page;

    public static async Task<StudioPage> OpenAsync(StudioFixture fixture, string testName, ITestOutputHelper output)
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = fixture.Server.BaseUrl.ToString(),
            ViewportSize = new() { Width = 1600, Height = 1000 },
            Locale = "de-DE",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                output.WriteLine($"browser console error: {message.Text}");
            }
        };
        return new StudioPage(context, page, testName, output);
    }

    /// <summary>Signs in through the server's sign-in page (the way to /studio/ for a browser without a session).</summary>
    public async Task SignInAsync(string user, string password)
    {
        await Page.GotoAsync("/studio/");
        await Page.WaitForURLAsync("**/studio/signin**");
        await Page.FillAsync("input[name=userName]", user);
        await Page.FillAsync("input[name=password]", password);
        await ScreenshotAsync("signin");
        await Page.ClickAsync("button[type=submit]");
    }

    /// <summary>The X6 canvas with the node of the given cell id (the activity id) drawn.</summary>
    public ILocator Node(string activityId) => Page.Locator($"g.x6-node[data-cell-id=\"{activityId}\"]");

    /// <summary>The visible circle of a port (the port group's bounding box also covers its label).</summary>
    public static ILocator Port(ILocator node, string port) => node.Locator($"g.x6-port-body[port=\"{port}\"] circle.elsa-designer-port-circle");

    public ILocator Edges => Page.Locator("g.x6-edge");

    // Exact text: "Entscheidung" must not also match "Entscheidung des Amts" from the funding category.
    public ILocator ToolboxItem(string displayName) =>
        Page.Locator("div[draggable=true]", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{System.Text.RegularExpressions.Regex.Escape(displayName)}\\s*$") });

    /// <summary>Publish is the first (primary) button of the designer toolbar's button group (icon only, tooltip "Publish").</summary>
    public ILocator PublishButton => Page.Locator("div.mud-button-group-root button").First;

    public ILocator Snackbar(string text) => Page.Locator(".mud-snackbar", new() { HasText = text });

    public async Task OpenToolboxCategoryAsync(string category)
    {
        await Page.Locator(".mud-expand-panel-header", new() { HasText = category }).ClickAsync();
    }

    /// <summary>Drags with the real mouse from one element's centre to another's, in small steps (X6 needs the moves).</summary>
    public async Task MouseDragAsync(ILocator from, ILocator to) => await MouseDragAsync(from, await CentreAsync(to));

    public async Task MouseDragAsync(ILocator from, (float X, float Y) b)
    {
        var a = await CentreAsync(from);
        await Page.Mouse.MoveAsync(a.X, a.Y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync((a.X + b.X) / 2, (a.Y + b.Y) / 2, new() { Steps = 10 });
        await Page.Mouse.MoveAsync(b.X, b.Y, new() { Steps = 10 });
        await Page.Mouse.UpAsync();
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(StudioFixture.ScreenshotFolder, $"{testName}-{++step:00}-{name}.png");
        await Page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    public static async Task<(float X, float Y)> CentreAsync(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not visible.");
        return (box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }
}
