using System.Text.Json.Nodes;

namespace Foerderworkflow.Portal.Forms;

/// <summary>
/// A cost plan from a form carries no requested amount of its own: it is the costs less own and third-party funds, as
/// the form's live sums show. An empty plan (no line) means "unchanged" and is left out.
/// </summary>
public static class CostPlanBody
{
    public static JsonObject WithRequestedAmount(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var copy = (JsonObject)body.DeepClone();
        if (copy["costPlan"] is not JsonObject plan)
        {
            return copy;
        }

        if (plan["lines"] is not JsonArray { Count: > 0 } lines)
        {
            copy.Remove("costPlan");
            return copy;
        }

        var costs = lines.Sum(l => l?["amount"]?.GetValue<decimal>() ?? 0m);
        var own = plan["ownFunds"]?.GetValue<decimal>() ?? 0m;
        var third = plan["thirdPartyFunds"]?.GetValue<decimal>() ?? 0m;
        plan["ownFunds"] = own;
        plan["thirdPartyFunds"] = third;
        plan["requestedAmount"] = Math.Max(0m, costs - own - third);
        return copy;
    }
}
