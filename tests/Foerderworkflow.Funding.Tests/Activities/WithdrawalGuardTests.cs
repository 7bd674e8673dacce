using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Funding.Tests.Activities;

/// <summary>
/// The withdrawal step itself refuses once money was paid, for a flowchart drawn without the wait-any join that
/// normally cancels it at the first payout order.
/// </summary>
public sealed class WithdrawalGuardTests
{
    [Fact]
    public async Task Withdrawal_AfterAPayout_IsRefusedNamingTheOutcome_EvenWithoutTheJoin()
    {
        await using var engine = await FundingEngine.CreateAsync();
        await engine.Definitions.PublishAsync(Flowchart());
        var id = await engine.StartAsync("withdrawal-guard", FundingEngine.Application());
        var task = await engine.TaskAsync(id, "Withdrawal");

        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.Runtime.ResumeAsync(task.Id, []));

        Assert.Equal("outcome", refused.Field);
        Assert.Contains("ersten Auszahlung", refused.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Suspended, await engine.StatusAsync(id));
        Assert.Null(await engine.VariableAsync(id, FundingVariables.Withdrawal));
    }

    /// <summary>Submit, record a paid payout, then offer the withdrawal.</summary>
    private static JsonObject Flowchart()
    {
        static JsonObject Activity(string id, string type, params (string Name, JsonNode Value)[] inputs)
        {
            var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
            foreach (var (name, value) in inputs)
            {
                activity[name] = value;
            }

            return activity;
        }

        static JsonObject Expression(string type, string value, string typeName) =>
            new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };

        static JsonObject Connection(string source, string target, string port = "Done") =>
            new() { ["source"] = new JsonObject { ["activity"] = source, ["port"] = port }, ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" } };

        const string paid = "({entries:[{payoutId:'P1',requestedAmount:500,expenditures:[],requestedAt:'2026-03-02T09:00:00+00:00',status:'Ordered',orderedAmount:500}]})";
        return new JsonObject
        {
            ["definitionId"] = "withdrawal-guard",
            ["name"] = "Rückzug nach Auszahlung",
            ["root"] = new JsonObject
            {
                ["id"] = "flowchart1",
                ["type"] = "Elsa.Flowchart",
                ["activities"] = new JsonArray(
                    Activity("start", "Elsa.Start"),
                    Activity("submit", "Foerderworkflow.Funding.SubmitApplication",
                        ("application", Expression("JavaScript", "input.application", "Object")), ("fund", Expression("JavaScript", "input.fund", "Object"))),
                    Activity("paid", "Elsa.SetVariable", ("variable", Expression("Literal", FundingVariables.Payouts, "String")), ("value", Expression("JavaScript", paid, "Object"))),
                    Activity("withdrawal", "Foerderworkflow.Funding.Withdrawal"),
                    Activity("end", "Elsa.Finish")),
                ["connections"] = new JsonArray(
                    Connection("start", "submit"), Connection("submit", "paid"), Connection("paid", "withdrawal"), Connection("withdrawal", "end", WithdrawalActivity.Withdrawn)),
            },
        };
    }
}
