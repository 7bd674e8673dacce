using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// A step's actor is the role the workflow definition assigns ("Rolle" in Studio), not a policy wired to the endpoint:
/// with the formal review assigned to the office, the office sees it in its inbox and completes it through the API,
/// while the KuF neither sees nor completes it.
/// </summary>
public sealed class AssignedRoleTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task FormalReview_AssignedToTheOffice_IsTheOfficesInInboxAndApi_AndTheKufIsRefusedWithNothingChanged()
    {
        await PublishFormalReviewAssignedToAsync("office");
        var id = FundingApi.Id(await api.SubmitAsync());

        Assert.DoesNotContain(await api.GetListAsync("kuf", "/api/tasks"), t => t!["applicationId"]!.GetValue<string>() == id);
        var task = Assert.Single(await api.GetListAsync("amt", "/api/tasks"), t => t!["applicationId"]!.GetValue<string>() == id)!;
        Assert.Equal("office", task["assigneeRole"]!.GetValue<string>());

        var refused = await api.PostAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await FundingApi.ReadAsync(refused);
        Assert.Equal("Nicht zugewiesen", problem["title"]!.GetValue<string>());
        Assert.Contains("das federführende Amt", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await api.GetListAsync("amt", "/api/tasks"), t => t!["applicationId"]!.GetValue<string>() == id);

        var reviewed = await api.PostOkAsync("amt", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        Assert.NotEqual("Submitted", FundingApi.Status(reviewed));
        var instances = await api.GetOkAsync("admin", $"/api/workflow-instances?correlationId={id}");
        var instanceId = Assert.Single(instances["items"]!.AsArray())!["id"]!.GetValue<string>();
        var journal = (await api.GetOkAsync("admin", $"/api/workflow-instances/{instanceId}"))["journal"]!.AsArray();
        Assert.Contains(journal, e => e!["activityId"]!.GetValue<string>() == "formalReview" && e["outcome"]!.GetValue<string>() == "ToDecision" && e["actor"]!.GetValue<string>().Contains("amt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OfficeDecision_StaysTheOffices_TheKufIsRefused()
    {
        var id = await api.UpToDecisionAsync();

        var refused = await api.PostAsync("kuf", $"/api/applications/{id}/decision", new { outcome = "Reject", reasons = new[] { "Kein Bezug zu den Zielen" } });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Nicht zugewiesen", (await FundingApi.ReadAsync(refused))["title"]!.GetValue<string>());
    }

    /// <summary>Publishes the shipped action fund again with the formal review's "Rolle" set, as Studio saves it.</summary>
    private async Task PublishFormalReviewAssignedToAsync(string role)
    {
        var admin = await api.AsAsync("admin");
        var model = (await FundingApi.ReadAsync(await admin.GetAsync(new Uri("/elsa/api/workflow-definitions/by-definition-id/aktions-und-initiativfonds?versionOptions=Published", UriKind.Relative)))).AsObject();
        var review = model["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "formalReview")!;
        review["assigneeRole"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = role } };
        var published = await admin.PostAsJsonAsync(new Uri("/elsa/api/workflow-definitions", UriKind.Relative), new JsonObject { ["model"] = model, ["publish"] = true });
        await FundingApi.ExpectAsync(HttpStatusCode.OK, published);
    }
}
