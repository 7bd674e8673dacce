using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Portal;

/// <summary>The portal's guards: sign-in first, another applicant's case is "not found", forms need their token, strict headers.</summary>
public sealed class PortalSecurityTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task StatusPage_Anonymously_GoesToTheSignInAndBack()
    {
        using var anonymous = PortalVisitor.Anonymous(factory);
        var response = await anonymous.Client.GetAsync(new Uri("/antraege/abc", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/anmelden?returnUrl=%2Fantraege%2Fabc", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AnotherApplicantsCase_AnswersTheGermanNotFoundPage_OnStatusAndActionPages()
    {
        var id = await SubmitThroughApiAsync("traeger");
        using var owner = await PortalVisitor.SignInAsync(factory, "traeger");
        Assert.Contains("Demokratiewerkstatt", await owner.PageAsync($"/antraege/{id}"), StringComparison.Ordinal);

        using var other = await PortalVisitor.SignInAsync(factory, "traeger2");
        foreach (var path in new[] { $"/antraege/{id}", $"/antraege/{id}/rueckzug" })
        {
            var response = await other.Client.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Nicht gefunden", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Demokratiewerkstatt", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(id, await other.PageAsync("/antraege"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormWithoutAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var id = await SubmitThroughApiAsync("traeger");
        using var applicant = await PortalVisitor.SignInAsync(factory, "traeger");
        var response = await applicant.Client.PostAsync(new Uri($"/antraege/{id}/rueckzug", UriKind.Relative), new FormUrlEncodedContent([new("reason", "ohne Token")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Anfrage ungültig", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("zurückgezogen", await applicant.PageAsync($"/antraege/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_CarryAStrictContentSecurityPolicy_AndAreNotCached()
    {
        using var anonymous = PortalVisitor.Anonymous(factory);
        var response = await anonymous.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private async Task<string> SubmitThroughApiAsync(string user)
    {
        using var client = await factory.SignedInClientAsync(user);
        var today = Foerderworkflow.Funding.Activities.FundingTime.Day(factory.Clock!.GetUtcNow());
        var response = await client.PostAsJsonAsync("/api/applications", new
        {
            fundId = "herten-aif",
            budgetYear = today.Year,
            applicant = new { organisation = "Nachbarschaftsverein", contactName = "Aylin Demir", email = "kontakt@verein.example", iban = "DE89 3704 0044 0532 0130 00" },
            title = "Demokratiewerkstatt",
            description = "Drei Abende.",
            fieldOfAction = "Demokratieförderung",
            targetGroups = new[] { "Jugendliche" },
            plannedParticipants = 40,
            period = new { start = today, end = today.AddDays(5) },
            costPlan = new { lines = new[] { new { description = "Honorar", amount = 1300m }, new { description = "Raummiete", amount = 200m } }, ownFunds = 200m, thirdPartyFunds = 0m, requestedAmount = 1300m },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["applicationId"]!.GetValue<string>();
    }
}
