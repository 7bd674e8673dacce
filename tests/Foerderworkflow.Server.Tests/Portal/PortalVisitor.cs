using System.Net;
using System.Text.RegularExpressions;

namespace Foerderworkflow.Server.Tests.Portal;

/// <summary>
/// One person in the portal as a browser without script sees it: a cookie session, pages as HTML, forms posted with
/// the antiforgery token and the retry key the page rendered into them.
/// </summary>
internal sealed partial class PortalVisitor(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public static async Task<PortalVisitor> SignInAsync(ServerFactory factory, string user)
    {
        var visitor = Anonymous(factory);
        var response = await visitor.PostFormAsync("/anmelden", [new("userName", user), new("password", user), new("returnUrl", "/")], handler: "password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return visitor;
    }

    public static PortalVisitor Anonymous(ServerFactory factory)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return new PortalVisitor(client);
    }

    public async Task<string> PageAsync(string path)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}\n{html}");
        return html;
    }

    /// <summary>Opens the page of the form (as a person would), then posts <paramref name="fields"/> with its token and key.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var page = await PageAsync(path);
        var form = new List<KeyValuePair<string, string>>(fields) { new("__fw_token", PortalForms.AntiforgeryToken(page)) };
        if (FormKey().Match(page) is { Success: true } key)
        {
            form.Add(new("formKey", key.Groups["value"].Value));
        }

        var target = handler is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        return await Client.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Posts a form and expects the redirect of a completed action; returns where it leads.</summary>
    public async Task<string> CompleteAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var response = await PostFormAsync(path, fields, handler);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {path}: {(int)response.StatusCode}\n{ErrorSummary(body)}");
        return response.Headers.Location!.ToString();
    }

    /// <summary>The error summary's text of a page, for assertion messages.</summary>
    public static string ErrorSummary(string html) =>
        Regex.Match(html, "<div class=\"error-summary\".*?</div>", RegexOptions.Singleline) is { Success: true } summary ? summary.Value : html[..Math.Min(html.Length, 3000)];

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"formKey\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex FormKey();
}
