using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// A browser context on the server with numbered screenshots per test, and the Studio designer's locators. It watches
/// the page: every console error and every 4xx/5xx answer of /elsa/api is a problem, unless the test announced it
/// (<see cref="Expect"/>); disposing fails the test when there was one.
/// </summary>
public sealed class StudioPage(IBrowserContext context, IPage page, string testName, ITestOutputHelper output) : IAsyncDisposable
{
    /// <summary>Blazor WebAssembly boots ~31 MB on first load: generous on a busy 2-core CI machine.</summary>
    public const float Timeout = 120_000;

    private readonly List<string> problems = [];
    private readonly List<(int Status, string UrlPart)> expected = [];
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
        var studio = new StudioPage(context, page, testName, output);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                studio.Problem($"console error: {message.Text} ({message.Location})", message.Location, message.Text);
            }
        };
        page.PageError += (_, error) => studio.Problem($"page error: {error}", string.Empty, error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && new Uri(response.Url).AbsolutePath.StartsWith("/elsa/api/", StringComparison.Ordinal))
            {
                studio.Problem($"{response.Request.Method} {response.Url} answered {response.Status}", response.Url, response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        return studio;
    }

    /// <summary>
    /// Announces an error answer the test provokes on purpose (e.g. a publish refused with 400): answers with that
    /// status from a URL containing <paramref name="urlPart"/>, and Chromium's console line about them, are no problem.
    /// </summary>
    public void Expect(int status, string urlPart) => expected.Add((status, urlPart));

    private void Problem(string description, string url, string detail)
    {
        lock (problems)
        {
            var announced = expected.Any(e => url.Contains(e.UrlPart, StringComparison.Ordinal)
                && (detail == e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) || detail.Contains($"status of {e.Status}", StringComparison.Ordinal)));
            output.WriteLine(announced ? $"expected: {description}" : $"PROBLEM: {description}");
            if (!announced)
            {
                problems.Add(description);
            }
        }
    }

    /// <summary>Fails when the page logged a console error or /elsa/api answered with an error nobody expected.</summary>
    public void AssertNoProblems()
    {
        lock (problems)
        {
            Assert.True(problems.Count == 0, $"The page had {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
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

    /// <summary>A point of the canvas with room for a new node (300 × 120 around it free of every drawn node).</summary>
    public async Task<(float X, float Y)> FreeSpotAsync()
    {
        var canvas = (await Page.Locator(".x6-graph").First.BoundingBoxAsync())!;
        var nodes = new List<LocatorBoundingBoxResult>();
        foreach (var node in await Page.Locator("g.x6-node").AllAsync())
        {
            if (await node.BoundingBoxAsync() is { } box)
            {
                nodes.Add(box);
            }
        }

        for (var y = canvas.Y + 80; y < canvas.Y + canvas.Height - 80; y += 20)
        {
            for (var x = canvas.X + 170; x < canvas.X + canvas.Width - 170; x += 20)
            {
                if (!nodes.Any(n => n.X < x + 150 && x - 150 < n.X + n.Width && n.Y < y + 60 && y - 60 < n.Y + n.Height))
                {
                    return (x, y);
                }
            }
        }

        throw new InvalidOperationException("The canvas has no free spot for a new node.");
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(StudioFixture.ScreenshotFolder, $"{testName}-{++step:00}-{name}.png");
        await Page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        AssertNoProblems();
    }

    public static async Task<(float X, float Y)> CentreAsync(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not visible.");
        return (box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }
}
