using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// One person's browser on the portal: a context of its own (own cookies), the problems the page reports as they
/// happen (console errors, script errors, Content-Security-Policy violations, 5xx answers), and <see cref="CheckAsync"/>,
/// which at every step takes a screenshot at 1280 and at 375 px width and runs axe-core at both.
/// </summary>
public sealed partial class PortalPage : IAsyncDisposable
{
    /// <summary>Generous: the machine is shared by several builds; a page normally answers in well under a second.</summary>
    public const float Timeout = 60_000;

    /// <summary>A desktop and a small phone; the height only matters for what a viewport screenshot would show.</summary>
    private static readonly (int Width, int Height)[] Widths = [(1280, 900), (375, 812)];

    private readonly IBrowserContext context;
    private readonly PortalFixture fixture;
    private readonly string testName;
    private readonly ITestOutputHelper output;
    private readonly List<string> problems = [];
    private readonly HashSet<(string Url, int Status)> expectedStatuses = [];
    private readonly ScreenshotSequence steps;

    private PortalPage(IBrowserContext context, IPage page, PortalFixture fixture, string testName, ITestOutputHelper output, ScreenshotSequence steps)
    {
        this.context = context;
        Page = page;
        this.fixture = fixture;
        this.testName = testName;
        this.output = output;
        this.steps = steps;
    }

    public IPage Page { get; }

    /// <summary>
    /// Opens a new browser (context) for one person; <paramref name="testName"/> starts its screenshots' names, and
    /// <paramref name="steps"/> numbers them (shared by the people of one test).
    /// </summary>
    public static async Task<PortalPage> OpenAsync(PortalFixture fixture, string testName, ITestOutputHelper output, ScreenshotSequence? steps = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = fixture.Server.BaseUrl.ToString(),
            ViewportSize = new() { Width = Widths[0].Width, Height = Widths[0].Height },
            Locale = "de-DE",
            TimezoneId = "Europe/Berlin",
        });
        await AxeCheck.RouteAsync(context, fixture.Server.BaseUrl, fixture.AxeScript);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.SetDefaultNavigationTimeout(Timeout);
        var portal = new PortalPage(context, page, fixture, testName, output, steps ?? new ScreenshotSequence());
        page.Console += (_, message) => portal.OnConsole(message);
        page.PageError += (_, error) => portal.Problem($"script error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                portal.Problem($"{response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        return portal;
    }

    /// <summary>Opens a page of the portal and checks the status it answered with (200 unless said otherwise).</summary>
    public async Task<IResponse> GotoAsync(string path, int expectedStatus = 200)
    {
        var url = new Uri(fixture.Server.BaseUrl, path).ToString();
        if (expectedStatus >= 400)
        {
            // Chromium reports every error status in the console; here it is the answer the test wants.
            lock (problems)
            {
                expectedStatuses.Add((url, expectedStatus));
            }
        }

        var response = await Page.GotoAsync(url) ?? throw new InvalidOperationException($"No response for {url}.");
        Assert.True(response.Status == expectedStatus, $"GET {path} answered {response.Status}, expected {expectedStatus}.");
        return response;
    }

    /// <summary>Signs in through the form on /anmelden with a demo user (password = user name).</summary>
    public async Task SignInAsync(string user)
    {
        await GotoAsync("/anmelden");
        await SignInHereAsync(user);
    }

    /// <summary>
    /// Fills the sign-in form of the page the browser is on (e.g. after a link sent it to /anmelden with the page to
    /// come back to) with a demo user, checks the page, submits and waits until signed in.
    /// </summary>
    public async Task SignInHereAsync(string user)
    {
        await Page.GetByLabel("Benutzername").FillAsync(user);
        await Page.GetByLabel("Passwort").FillAsync(user);
        await CheckAsync($"anmelden-{user}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();
        await Assertions.Expect(SignOutButton).ToBeVisibleAsync();
    }

    /// <summary>
    /// Signs an applicant in as they do without an account: asks the sign-in page for a link to
    /// <paramref name="address"/>, opens the link from the e-mail the server wrote and confirms with "Jetzt anmelden".
    /// </summary>
    public async Task SignInByEmailLinkAsync(PortalServer server, string address)
    {
        ArgumentNullException.ThrowIfNull(server);
        await Page.GetByRole(AriaRole.Region, new() { Name = "Für Antragstellende: Anmeldung per E-Mail-Link" }).GetByLabel("E-Mail-Adresse").FillAsync(address);
        await CheckAsync("anmelden-per-link");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Anmeldelink anfordern", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByText("Anmeldelink", new() { Exact = false }).First).ToBeVisibleAsync();
        var link = await PortalMailbox.WaitForSignInLinkAsync(server, address);
        await GotoAsync(link.PathAndQuery);
        await CheckAsync("anmeldelink-geoeffnet");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Jetzt anmelden", Exact = true }).ClickAsync();
        await Assertions.Expect(SignOutButton).ToBeVisibleAsync();
    }

    /// <summary>The header's sign-out button (its name also says who is signed in, for screen readers).</summary>
    public ILocator SignOutButton => Page.GetByRole(AriaRole.Button, new() { NameRegex = SignOutName() });

    /// <summary>A main navigation link by its visible text.</summary>
    public ILocator NavLink(string text) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = text, Exact = true });

    /// <summary>
    /// One step: a full-page screenshot and an axe-core run at 1280 px and then at 375 px width (the same page resized,
    /// so a page that is the answer to a form keeps its state), then back to 1280. Fails on a serious or critical axe
    /// violation and on any problem the page reported since the last step.
    /// </summary>
    public async Task CheckAsync(string name)
    {
        var number = steps.Next();
        var report = new StringBuilder();
        foreach (var (width, height) in Widths)
        {
            await Page.SetViewportSizeAsync(width, height);
            var path = Path.Combine(PortalFixture.ScreenshotFolder, $"{testName}-{number:00}-{name}-{width}.png");
            await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"screenshot: {path}");
            foreach (var violation in await AxeCheck.RunAsync(Page, fixture.Server.BaseUrl))
            {
                var text = AxeCheck.Describe(violation);
                output.WriteLine($"axe at {width} px on {Page.Url}:{Environment.NewLine}{text}");
                if (AxeCheck.Fails(violation))
                {
                    report.Append("axe at ").Append(width).Append(" px on ").Append(Page.Url).AppendLine(":").Append(text);
                }
            }
        }

        await Page.SetViewportSizeAsync(Widths[0].Width, Widths[0].Height);
        lock (problems)
        {
            foreach (var problem in problems)
            {
                report.AppendLine(problem);
            }

            problems.Clear();
        }

        Assert.True(report.Length == 0, $"Step '{name}' ({Page.Url}):{Environment.NewLine}{report}");
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    private void OnConsole(IConsoleMessage message)
    {
        var csp = message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || message.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase);
        if (message.Type != "error" && !csp)
        {
            return;
        }

        lock (problems)
        {
            if (!csp && FailedLoadStatus().Match(message.Text) is { Success: true } failed
                && expectedStatuses.Contains((LineAndColumn().Replace(message.Location, ""), int.Parse(failed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))))
            {
                return;
            }
        }

        Problem($"console {message.Type}: {message.Text} ({message.Location})");
    }

    private void Problem(string text)
    {
        output.WriteLine($"browser problem: {text}");
        lock (problems)
        {
            problems.Add(text);
        }
    }

    [GeneratedRegex("^Abmelden")]
    private static partial Regex SignOutName();

    /// <summary>A console message's location is "url:line:column".</summary>
    [GeneratedRegex(@":\d+:\d+$")]
    private static partial Regex LineAndColumn();

    [GeneratedRegex(@"^Failed to load resource: the server responded with a status of (\d{3})")]
    private static partial Regex FailedLoadStatus();
}
