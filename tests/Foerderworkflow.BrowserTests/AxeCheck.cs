using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// Runs axe-core in the page against WCAG 2.0 and 2.1, levels A and AA (the rules BITV 2.0 asks for) and answers the
/// violations. The script is loaded as a same-origin script whose request the browser context answers from the fetched
/// file (<see cref="RouteAsync"/>): the portal's strict Content-Security-Policy (<c>script-src 'self'</c>) stays in
/// force during the test, so a violation of it by the portal itself still shows in the console and fails the test,
/// which bypassing the CSP for the whole context would hide.
/// </summary>
public static class AxeCheck
{
    /// <summary>WCAG 2.0 and 2.1, levels A and AA.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>A path on the server under test that the server itself never serves; the context answers it.</summary>
    private const string ScriptPath = "__browsertests/axe.min.js";

    /// <summary>Lets every page of the context load axe-core from <paramref name="scriptFile"/> as if from the server.</summary>
    public static Task RouteAsync(IBrowserContext context, Uri baseUrl, string scriptFile) =>
        context.RouteAsync(new Uri(baseUrl, ScriptPath).ToString(), route => route.FulfillAsync(new()
        {
            Path = scriptFile,
            ContentType = "text/javascript; charset=utf-8",
            Status = 200,
        }));

    /// <summary>Injects axe-core (once per document) and answers every violation of the WCAG rules on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page, Uri baseUrl)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Url = new Uri(baseUrl, ScriptPath).ToString() });
        }

        var result = await page.EvaluateAsync<JsonElement>(
            """
            async (tags) => {
              const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id,
                impact: v.impact || '',
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                  target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)).join(' '),
                  summary: n.failureSummary || '',
                })),
              }));
            }
            """,
            Tags);
        return [.. result.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            v.GetProperty("helpUrl").GetString()!,
            [.. v.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("target").GetString()!, n.GetProperty("summary").GetString()!))]))];
    }

    /// <summary>Serious and critical violations fail a test; moderate and minor ones are reported only.</summary>
    public static bool Fails(AxeViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return violation.Impact is "serious" or "critical";
    }

    /// <summary>Rule id, impact, help text and link, then each element's selector and what is wrong with it.</summary>
    public static string Describe(AxeViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        var text = new StringBuilder();
        text.Append("  [").Append(violation.Impact).Append("] ").Append(violation.Id).Append(": ").Append(violation.Help)
            .Append(" (").Append(violation.HelpUrl).Append(')').AppendLine();
        foreach (var (target, summary) in violation.Nodes)
        {
            text.Append("      ").Append(target).Append(" — ").AppendLine(summary.ReplaceLineEndings(" "));
        }

        return text.ToString();
    }
}
