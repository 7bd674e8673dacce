using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// Issue 12: control characters (NUL, BEL, ESC, line breaks in one-line fields, C1) and bidi overrides are refused in
/// every text field with a 400 problem naming the field; multi-line texts keep their line breaks and tabs.
/// </summary>
public sealed class TextInputTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    public static TheoryData<string, string> Hostile => new()
    {
        { "applicant.organisation", "Verein\0 e. V." },
        { "applicant.contactName", "Aylin\u0007 Demir" },
        { "title", "\u001b[31mWerkstatt" },
        { "title", "Werkstatt\r\nBcc: x@example.org" },
        { "applicant.organisation", "Verein \u202Ee. V." },
        { "applicant.contactName", "Aylin \u2066Demir" },
        { "applicant.email", "kontakt\u200E@nachbarschaft-herten.example" },
        { "title", "Werkstatt \u061C" },
        { "description", "Drei Abende\0" },
        { "description", "Drei \u202D Abende" },
        { "targetGroups[1]", "Senioren\u0085" },
        { "costPlan.lines[0].description", "Honorar\tModeration" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Submit_ControlOrBidiCharacterInAText_Is400NamingTheField_AndCreatesNothing(string field, string value)
    {
        var before = (await api.GetListAsync("traeger", "/api/applications")).Count;
        var form = FundingApi.Form();
        Set(form, field, value);

        var response = await api.PostAsync("traeger", "/api/applications", form);

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await FundingApi.ReadAsync(response))["errors"]!.AsObject();
        Assert.Equal(field, Assert.Single(errors).Key);
        Assert.Contains("Zeichen", errors[field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await api.GetListAsync("traeger", "/api/applications")).Count);
    }

    [Fact]
    public async Task Submit_LineBreaksAndTabsInTheDescription_AreAccepted()
    {
        var form = FundingApi.Form();
        form["description"] = "Drei Abende:\r\n\t1. Beteiligung\n\t2. Stadtteil";

        var created = await api.SubmitAsync(form: form);

        Assert.Equal("Submitted", FundingApi.Status(created));
    }

    [Fact]
    public async Task GrantAcceptance_ControlCharacterInSignedBy_Is400NamingSignedBy()
    {
        var response = await api.PostAsync("traeger", "/api/applications/no-such-application/grant-acceptance", new { outcome = "AppealWaived", signedBy = "Aylin\0Demir" });

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["signedBy"]);
    }

    [Fact]
    public async Task StartInstance_BidiOverrideInTheInput_Is400NamingThePath()
    {
        var client = await api.AsAsync("admin");
        var body = new JsonObject { ["definitionId"] = "no-such-definition", ["input"] = new JsonObject { ["name"] = "abc\u202Edef" } };

        var response = await client.PostAsync("/api/workflow-instances", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["input.name"]);
    }

    [Fact]
    public async Task StudioSave_ControlCharacterInTheName_Is400NamingThePath()
    {
        var client = await api.AsAsync("admin");
        var body = new JsonObject { ["model"] = new JsonObject { ["name"] = "Ablauf\u0007", ["root"] = new JsonObject() } };

        var response = await client.PostAsync("/elsa/api/workflow-definitions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["model.name"]);
    }

    private static void Set(JsonObject form, string path, string value)
    {
        JsonNode node = form;
        var parts = path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = int.TryParse(parts[i], out var index) ? node[index]! : node[parts[i]]!;
        }

        if (int.TryParse(parts[^1], out var last))
        {
            node[last] = value;
        }
        else
        {
            node[parts[^1]] = value;
        }
    }
}
