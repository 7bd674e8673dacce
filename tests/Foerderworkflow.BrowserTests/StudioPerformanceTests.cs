using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// How fast the designer becomes usable, and why: the bundle's precompressed files go out with Content-Encoding. The
/// time is measured and reported (test output and TestResults/studio-timings.txt), not asserted: it depends on the
/// machine; what is asserted is that the browser got the compressed files.
/// </summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioPerformanceTests(StudioFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Designer_LoadsTheFrameworkCompressed_AndItsWarmTimeToUsableIsReported()
    {
        await using var studio = await StudioPage.OpenAsync(fixture, "performance", output);
        var page = studio.Page;
        var framework = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/studio/_framework/", StringComparison.Ordinal))
            {
                lock (framework)
                {
                    framework.Add(response);
                }
            }
        };
        await studio.SignInAsync("admin", "admin");

        var cold = await TimeToUsableAsync(studio);
        await studio.ScreenshotAsync("cold");
        IResponse[] firstLoad;
        lock (framework)
        {
            firstLoad = [.. framework];
        }

        var wasm = firstLoad.Where(r => r.Url.EndsWith(".wasm", StringComparison.Ordinal) && r.Status == 200).ToList();
        Assert.NotEmpty(wasm);
        foreach (var response in wasm)
        {
            var headers = await response.AllHeadersAsync();
            Assert.Equal("br", headers.GetValueOrDefault("content-encoding"));
            Assert.Equal("application/wasm", headers.GetValueOrDefault("content-type"));
        }

        var warm = await TimeToUsableAsync(studio);
        await studio.ScreenshotAsync("warm");
        var report = $"Designer usable (action fund drawn, toolbox ready): cold {cold.TotalSeconds:0.0} s, warm {warm.TotalSeconds:0.0} s";
        output.WriteLine(report);
        await File.AppendAllTextAsync(Path.Combine(StudioFixture.ScreenshotFolder, "..", "studio-timings.txt"), $"{TimeProvider.System.GetUtcNow():O} {report}{Environment.NewLine}");
    }

    /// <summary>From navigation until the action fund's nodes are drawn and the toolbox takes a click.</summary>
    private static async Task<TimeSpan> TimeToUsableAsync(StudioPage studio)
    {
        var clock = Stopwatch.StartNew();
        await studio.Page.GotoAsync("/studio/edit/aktions-und-initiativfonds");
        await studio.Node("endClosed").WaitForAsync();
        await studio.OpenToolboxCategoryAsync("Förderung");
        await studio.ToolboxItem("Antrag zuleiten").WaitForAsync();
        return clock.Elapsed;
    }
}
