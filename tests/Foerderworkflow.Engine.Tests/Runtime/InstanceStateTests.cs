using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Tests.Runtime;

public sealed class InstanceStateTests
{
    // What a store writes to its state column (the EF store uses System.Text.Json with web defaults).
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Serialize_EveryPart_RoundTripsThroughSystemTextJson()
    {
        var state = new InstanceState
        {
            Variables = new JsonObject { ["Betrag"] = 4500, ["Antrag"] = new JsonObject { ["id"] = "A-17" } },
            Input = new JsonObject { ["quelle"] = "Portal" },
            LastResult = JsonValue.Create("zuletzt"),
            Bookmarks = [new ActiveBookmark("b1", "review", "Foerderworkflow.HumanTask")],
            JoinArrivals = new() { ["join"] = ["fork:a->join"] },
            PendingWork =
            [
                new WorkItem("wait", null, new Resumption("Tests.FlakyResume", new JsonObject { ["key"] = "k" }, new JsonObject { ["stimmen"] = 5 }, ByTimer: true)),
                new WorkItem("mark", "fork:b->mark"),
            ],
        };

        var copy = JsonSerializer.Deserialize<InstanceState>(JsonSerializer.Serialize(state, Web), Web)!;

        Assert.Equal(JsonSerializer.Serialize(state, Web), JsonSerializer.Serialize(copy, Web));
        Assert.True(copy.PendingWork[0].Resumption!.ByTimer);
        Assert.Equal(5, (int?)copy.PendingWork[0].Resumption!.Input["stimmen"]);
    }

    [Fact]
    public void Clone_PendingResumption_IsADeepCopy()
    {
        var state = new InstanceState { PendingWork = [new WorkItem("wait", null, new Resumption("X", [], new JsonObject { ["a"] = 1 }, ByTimer: false))] };

        var copy = state.Clone();
        copy.PendingWork[0].Resumption!.Input["a"] = 2;

        Assert.Equal(1, (int?)state.PendingWork[0].Resumption!.Input["a"]);
    }
}
