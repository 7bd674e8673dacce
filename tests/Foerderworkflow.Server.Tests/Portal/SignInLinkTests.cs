using System.Buffers.Text;
using System.Data.Common;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Foerderworkflow.Casework;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Server.Tests.Funding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;

namespace Foerderworkflow.Server.Tests.Portal;

/// <summary>Applicants' one-time e-mail links on the embedded default (SQLite).</summary>
public sealed class SignInLinkTests(ServerFactory factory) : SignInLinkScenarios(factory), IClassFixture<ServerFactory>
{
    // SQLite only: a second server on the same store with small limits (a PostgreSQL factory would make a new database).
    [Fact]
    public async Task PerAddressLimit_RefusesWithAGermanMessage_AndSendsNothing_ThenPerClientLimitAnswers429()
    {
        using var limited = Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimiting:SignIn:PerUserName", "2");
            builder.UseSetting("RateLimiting:SignIn:PerClient", "3");
        });
        var browser = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var address = NewAddress();
        Assert.Contains("Anmeldelink an die angegebene", await (await RequestLinkAsync(browser, address)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Anmeldelink an die angegebene", await (await RequestLinkAsync(browser, address)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mails = MailFiles(Factory);
        var rows = (await RowsAsync(limited, address)).Count;

        var refused = await RequestLinkAsync(browser, address.ToUpperInvariant());
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Contains("zu viele Anmeldelinks angefordert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Anmeldelink an die angegebene", page, StringComparison.Ordinal);
        Assert.Equal(mails, MailFiles(Factory));
        Assert.Equal(rows, (await RowsAsync(limited, address)).Count);

        // The client's fourth post within the window: refused before the page runs, whatever the address.
        var tooMany = await RequestLinkAsync(browser, NewAddress());
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        Assert.Equal(mails, MailFiles(Factory));

        // A browser gets the refusal as a German page, not as JSON.
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var asPage = await RequestLinkAsync(browser, NewAddress());
        Assert.Equal(HttpStatusCode.TooManyRequests, asPage.StatusCode);
        Assert.Contains("zu viele Anmeldeversuche", await asPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(mails, MailFiles(Factory));
    }
}

/// <summary>The same on PostgreSQL (timestamptz, RETURNING under the row lock).</summary>
public sealed class SignInLinkPostgreSqlTests(PostgreSqlServerFactory factory) : SignInLinkScenarios(factory), IClassFixture<PostgreSqlServerFactory>;

/// <summary>
/// The portal's sign-in by e-mail link, through the pages as a browser uses them: the form on <c>/anmelden</c>, the
/// <c>.eml</c> the embedded notification worker writes (before the request returns), the link page and its button.
/// </summary>
public abstract partial class SignInLinkScenarios(ServerFactory factory)
{
    protected ServerFactory Factory => factory;

    private const string TokenField = "__fw_token";

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Link_SignsInOnce_AndASecondUseIsRefused()
    {
        var browser = Browser();
        var address = NewAddress();
        var link = await RequestLinkAndReadMailAsync(browser, address);

        // Opening the link (as a mail scanner does) only shows the button; it does not use the link up.
        var opened = await browser.GetAsync(link);
        var page = await opened.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Jetzt anmelden", page, StringComparison.Ordinal);
        Assert.Contains("Jetzt anmelden", await (await Browser().GetAsync(link)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var redeemed = await RedeemAsync(browser, link);
        Assert.Equal(HttpStatusCode.Redirect, redeemed.StatusCode);
        Assert.Equal("/", redeemed.Headers.Location?.OriginalString);
        Assert.Contains(redeemed.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("fw_session=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/antraege")).StatusCode);

        var again = await RedeemAsync(Browser(), link);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Anmeldelink nicht mehr gültig", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(again.Headers.Contains("Set-Cookie") && again.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("fw_session=", StringComparison.Ordinal)));
        Assert.Contains("nicht mehr gültig", await (await Browser().GetAsync(link)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_ExpiresAfterFifteenMinutes_AndTheExpiredRowIsDeleted()
    {
        var clock = factory.Clock!;
        var address = NewAddress();
        var link = await RequestLinkAndReadMailAsync(Browser(), address);

        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains("Jetzt anmelden", await (await Browser().GetAsync(link)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(2));
        var browser = Browser();
        var refused = await RedeemAsync(browser, link, tokenFrom: "/anmelden");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Anmeldelink nicht mehr gültig", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/antraege")).StatusCode);

        // The next request of any address clears what expired: no address is kept beyond its link.
        await RequestLinkAndReadMailAsync(Browser(), NewAddress());
        Assert.Empty(await RowsAsync(address));
    }

    [Fact]
    public async Task StoredRow_HoldsTheHashOfTheCode_NeverTheCode()
    {
        var address = NewAddress();
        var link = await RequestLinkAndReadMailAsync(Browser(), "  " + address.ToUpperInvariant() + " ");
        var code = CodeOf(link);

        var row = Assert.Single(await RowsAsync(address));
        Assert.True(SignInLinkStore.TryDecode(code, out var token));
        Assert.Equal(32, token.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(token)), row["token_hash"]);
        Assert.Equal(address, row["address"]);
        Assert.DoesNotContain(row.Values, value => value.Contains(code, StringComparison.Ordinal));
        Assert.Equal("", row["used_at"]);
        Assert.Equal(TimeSpan.FromMinutes(15), DateTimeOffset.Parse(row["expires_at"], System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(row["created_at"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task KnownAndUnknownAddresses_GetTheSameAnswer()
    {
        var known = NewAddress();
        await RedeemAsync(Browser(), await RequestLinkAndReadMailAsync(Browser(), known));
        await SubmitAsAsync(known);

        var forKnown = await RequestLinkAsync(Browser(), known);
        var forUnknown = await RequestLinkAsync(Browser(), NewAddress());

        Assert.Equal(HttpStatusCode.OK, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        var page = WithoutTokens(await forKnown.Content.ReadAsStringAsync());
        Assert.Contains("Wir haben Ihnen einen Anmeldelink an die angegebene E-Mail-Adresse geschickt.", page, StringComparison.Ordinal);
        Assert.Contains("15 Minuten gültig", page, StringComparison.Ordinal);
        Assert.Equal(page, WithoutTokens(await forUnknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task MalformedAddress_IsNamedAtTheField_AndNothingIsSent()
    {
        var before = MailFiles();
        var answer = await RequestLinkAsync(Browser(), "keine-adresse");
        var page = await answer.Content.ReadAsStringAsync();

        Assert.Contains("Bitte geben Sie eine gültige E-Mail-Adresse an", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#feld-email\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"feld-email-fehler\"", page, StringComparison.Ordinal);
        Assert.Equal(before, MailFiles());
    }

    [Fact]
    public async Task ApplicantSignedInByLink_OpensTheOwnStatusPage_ButNotAnotherApplicants()
    {
        var address = NewAddress();
        var own = await SubmitAsAsync(address);
        var others = FundingApi.Id(await new FundingApi(factory).SubmitAsync("traeger"));
        var browser = Browser();

        var link = await RequestLinkAndReadMailAsync(browser, address, returnUrl: $"/antraege/{own}");
        var redeemed = await RedeemAsync(browser, link);

        Assert.Equal($"/antraege/{own}", redeemed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/antraege/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/antraege/{others}")).StatusCode);
    }

    [Fact]
    public async Task ReturnUrlToAnotherHost_IsReplacedByTheFrontPage()
    {
        var browser = Browser();
        var link = await RequestLinkAndReadMailAsync(browser, NewAddress(), returnUrl: "//boese.example/anmelden");

        Assert.Equal("/", (await RedeemAsync(browser, link)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task FormPosts_WithoutTheAntiforgeryToken_AreRefused()
    {
        var browser = Browser();
        var link = await RequestLinkAndReadMailAsync(browser, NewAddress());
        var before = MailFiles();

        var request = await browser.PostAsync("/anmelden?handler=link", Form(("email", NewAddress()), ("returnUrl", "/")));
        var redeem = await browser.PostAsync("/anmelden/link", Form(("code", CodeOf(link))));

        Assert.Equal(HttpStatusCode.BadRequest, request.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, redeem.StatusCode);
        Assert.Equal(before, MailFiles());
        Assert.Contains("Jetzt anmelden", await (await browser.GetAsync(link)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentRedemptions_OfOneCode_SucceedOnce()
    {
        var store = factory.Services.GetRequiredService<SignInLinkStore>();
        var (code, _) = await store.IssueAsync(NewAddress(), null, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.RedeemAsync(code, CancellationToken.None))));

        Assert.Single(results, r => r is not null);
    }

    protected HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected static string NewAddress() => $"verein-{Guid.NewGuid():N}@beispiel.de";

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    /// <summary>The antiforgery cookie is set by the GET of <paramref name="page"/>; the token comes from its form.</summary>
    private static async Task<string> TokenAsync(HttpClient browser, string page)
    {
        return PortalForms.AntiforgeryToken(await (await browser.GetAsync(page)).Content.ReadAsStringAsync());
    }

    protected static async Task<HttpResponseMessage> RequestLinkAsync(HttpClient browser, string address, string returnUrl = "/") =>
        await browser.PostAsync("/anmelden?handler=link", Form(("email", address), ("returnUrl", returnUrl), (TokenField, await TokenAsync(browser, "/anmelden"))));

    /// <summary>Asks for a link and returns it from the one new <c>.eml</c> to <paramref name="address"/> (path and query).</summary>
    private async Task<string> RequestLinkAndReadMailAsync(HttpClient browser, string address, string returnUrl = "/")
    {
        var before = MailFiles();
        var answer = await RequestLinkAsync(browser, address, returnUrl);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var mails = new List<MimeMessage>();
        foreach (var file in MailFiles().Except(before))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                mails.Add(message);
            }
            else
            {
                message.Dispose();
            }
        }

        using var mail = Assert.Single(mails);
        Assert.Equal("Ihr Anmeldelink für das Förderportal", mail.Subject);
        Assert.Contains("15 Minuten gültig", mail.TextBody, StringComparison.Ordinal);
        var link = new Uri(LinkInMail().Match(mail.TextBody ?? "").Value);
        Assert.Contains(link.AbsoluteUri, mail.HtmlBody, StringComparison.Ordinal);
        return link.PathAndQuery;
    }

    /// <summary>Presses "Jetzt anmelden": posts the code with an antiforgery token of this browser (from <paramref name="tokenFrom"/>).</summary>
    private static async Task<HttpResponseMessage> RedeemAsync(HttpClient browser, string link, string? tokenFrom = null) =>
        await browser.PostAsync("/anmelden/link", Form(("code", CodeOf(link)), (TokenField, await TokenAsync(browser, tokenFrom ?? "/anmelden"))));

    private static string CodeOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("code=", StringComparison.Ordinal) + "code=".Length)..]);

    private HashSet<string> MailFiles() => MailFiles(factory);

    protected static HashSet<string> MailFiles(ServerFactory server) => Directory.Exists(server.MailFolder) ? [.. Directory.GetFiles(server.MailFolder, "*.eml")] : [];

    private static string WithoutTokens(string html) => TokenInput().Replace(html, "");

    /// <summary>Submits an application as the applicant <paramref name="address"/> signs in (subject = address), as the portal's form will.</summary>
    private async Task<string> SubmitAsAsync(string address)
    {
        var request = FundingApi.Form().Deserialize<SubmitApplicationRequest>(WebJson)!;
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", address), new Claim("role", Roles.Applicant)], "email-link", "sub", "role"));
        using var scope = factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApplicationIntake>().SubmitAsync(request, Caller.From(principal), null, CancellationToken.None);
        var created = Assert.IsAssignableFrom<IValueHttpResult>(result);
        return Assert.IsType<ApplicationResponse>(created.Value).ApplicationId;
    }

    /// <summary>The stored rows of <paramref name="address"/>, every column as text (NULL as empty).</summary>
    private Task<List<Dictionary<string, string>>> RowsAsync(string address) => RowsAsync(factory, address);

    protected static async Task<List<Dictionary<string, string>>> RowsAsync(WebApplicationFactory<Program> server, string address)
    {
        ArgumentNullException.ThrowIfNull(server);
        var options = server.Services.GetRequiredService<WorkflowStoreOptions>();
        await using DbConnection connection = options.Provider == WorkflowStoreProvider.PostgreSql
            ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_hash, address, return_url, created_at, expires_at, used_at FROM sign_in_links WHERE address = @address";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@address";
        parameter.Value = address;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(
                reader.GetName,
                i => reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
                {
                    DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
                }));
        }

        return rows;
    }

    [GeneratedRegex("name=\"__fw_token\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex(@"https?://\S+/anmelden/link\?code=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkInMail();
}
