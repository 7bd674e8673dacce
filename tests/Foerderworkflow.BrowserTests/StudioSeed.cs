using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Testing;

namespace Foerderworkflow.BrowserTests;

/// <summary>Definitions and instances the browser tests set up through the API before the browser looks at them.</summary>
internal static class StudioSeed
{
    public const string Api = "/elsa/api";

    /// <summary>Saves (and publishes) a Start → End flowchart under <paramref name="definitionId"/>.</summary>
    public static async Task PublishStartToEndAsync(HttpClient api, string definitionId, string name)
    {
        var model = FlowchartJson.Flowchart(definitionId, name, [Activity("start", "Elsa.Start", 0, 0), Activity("end", "Elsa.End", 600, 0)], [("start", "Done", "end")]);
        (await api.PostAsJsonAsync(Api + "/workflow-definitions", new { model, publish = true })).EnsureSuccessStatusCode();
    }

    /// <summary>Starts an instance through the runtime API and answers its id.</summary>
    public static async Task<string> StartAsync(HttpClient api, string definitionId, string correlationId, JsonObject? input = null)
    {
        var response = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId, correlationId, input });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    /// <summary>An application to a fund of the shipped action-fund workflow; it waits for the formal review.</summary>
    public static async Task<JsonObject> StartApplicationAsync(HttpClient api, string definitionId, string fileNumber, decimal requested)
    {
        var application = new ApplicationCase
        {
            ApplicationId = fileNumber,
            FileNumber = fileNumber,
            BudgetYear = 2026,
            ApplicantName = "Bunt statt braun e. V.",
            ApplicantEmail = "kontakt@buntstattbraun.example",
            Title = "Demokratiefest im Stadtteil",
            RequestedAmount = requested,
            ProjectStart = new DateOnly(2026, 5, 1),
            ProjectEnd = new DateOnly(2026, 9, 30),
        };
        var input = new JsonObject
        {
            ["application"] = FundingVariables.ToJson(application),
            ["fund"] = FundingVariables.ToJson(FundSettings.From(DemoFunds.ActionFund(2026))),
        };
        var response = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId, correlationId = fileNumber, input });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static async Task<JsonNode> ReadAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static JsonObject Activity(string id, string type, int x, int y) => new()
    {
        ["id"] = id,
        ["nodeId"] = $"Workflow1:flowchart1:{id}",
        ["name"] = id,
        ["type"] = type,
        ["version"] = 1,
        ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = y } } },
    };
}
