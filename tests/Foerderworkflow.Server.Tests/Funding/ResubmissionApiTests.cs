using System.Net;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>An answer to a change request may change the cost and financing plan; it is checked like a submission and the plan shown always adds up.</summary>
public sealed class ResubmissionApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task LowerAmount_WithANewCostPlan_ReplacesThePlanWhole_AndTheFormAddsUp()
    {
        var id = await ChangeRequestedAsync();

        var answered = await api.PostOkAsync("traeger", $"/api/applications/{id}/resubmission", new
        {
            comment = "Die Raummiete entfällt, der Verein stellt den Saal.",
            costPlan = Plan(honorarium: 1_100m, rent: null, ownFunds: 150m, requested: 950m),
        });

        Assert.Equal("Submitted", FundingApi.Status(answered));
        Assert.Equal(950m, answered["requestedAmount"]!.GetValue<decimal>());
        var plan = (await api.GetOkAsync("kuf", $"/api/applications/{id}"))["form"]!["costPlan"]!;
        Assert.Equal(950m, plan["requestedAmount"]!.GetValue<decimal>());
        Assert.Equal(150m, plan["ownFunds"]!.GetValue<decimal>());
        var line = Assert.Single(plan["lines"]!.AsArray());
        Assert.Equal(1_100m, line!["amount"]!.GetValue<decimal>());
        var mine = (await api.GetOkAsync("traeger", $"/api/applications/{id}"))["form"]!["costPlan"]!;
        Assert.Equal(950m, mine["requestedAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ChangedAmount_WithoutACostPlan_IsRefused_NamingTheCostPlan_AndChangesNothing()
    {
        var id = await ChangeRequestedAsync();

        var refused = await api.PostAsync("traeger", $"/api/applications/{id}/resubmission", new { requestedAmount = 1_000m });

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, refused);
        Assert.Contains("Finanzierungsplan", (await FundingApi.ReadAsync(refused))["errors"]!["costPlan"]![0]!.GetValue<string>());
        var unchanged = await api.GetOkAsync("traeger", $"/api/applications/{id}");
        Assert.Equal("ChangesRequested", FundingApi.Status(unchanged));
        Assert.Equal(1_300m, unchanged["requestedAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task NewCostPlan_IsValidatedLikeASubmission()
    {
        var id = await ChangeRequestedAsync();

        // The gap is 1,300 − 200 = 1,100 €, not 1,000 €.
        var gap = await api.PostAsync("traeger", $"/api/applications/{id}/resubmission", new { costPlan = Plan(1_300m, null, 200m, 1_000m) });
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, gap);
        Assert.Contains("Finanzierungslücke", (await FundingApi.ReadAsync(gap))["errors"]!["costPlan.requestedAmount"]![0]!.GetValue<string>());

        // Herten's fund asks for at least 10 % own funds.
        var share = await api.PostAsync("traeger", $"/api/applications/{id}/resubmission", new { costPlan = Plan(1_300m, null, 50m, 1_250m) });
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, share);
        Assert.NotNull((await FundingApi.ReadAsync(share))["errors"]!["costPlan.ownFunds"]);

        var disagreeing = await api.PostAsync("traeger", $"/api/applications/{id}/resubmission", new { requestedAmount = 900m, costPlan = Plan(1_300m, null, 200m, 1_100m) });
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, disagreeing);
        Assert.NotNull((await FundingApi.ReadAsync(disagreeing))["errors"]!["requestedAmount"]);

        Assert.Equal("ChangesRequested", FundingApi.Status(await api.GetOkAsync("traeger", $"/api/applications/{id}")));
    }

    private async Task<string> ChangeRequestedAsync()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ChangeRequested", reason = "Bitte den Finanzierungsplan überarbeiten." });
        return id;
    }

    private static JsonObject Plan(decimal honorarium, decimal? rent, decimal ownFunds, decimal requested)
    {
        var lines = new JsonArray(new JsonObject { ["description"] = "Honorar Moderation", ["amount"] = honorarium });
        if (rent is { } r)
        {
            lines.Add(new JsonObject { ["description"] = "Raummiete", ["amount"] = r });
        }

        return new JsonObject { ["lines"] = lines, ["ownFunds"] = ownFunds, ["thirdPartyFunds"] = 0m, ["requestedAmount"] = requested };
    }
}
