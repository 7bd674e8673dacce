using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Casework;

/// <summary>
/// One application as the workflow carries it: the instance, its variables (the case data every step wrote) and the
/// funding tasks now open. What the API answers about a case is read from here, so it is as fresh as the last commit.
/// </summary>
public sealed class CaseFile(InstanceDetails details)
{
    public WorkflowInstance Instance => details.Instance;

    public ApplicationCase Application { get; } = Read<ApplicationCase>(details.Instance.State.Variables, FundingVariables.Application)
        ?? throw new InvalidOperationException($"Instance '{details.Instance.Id}' carries no application.");

    public FundSettings? Fund => Read<FundSettings>(FundingVariables.Fund);

    public IReadOnlyList<OpenTask> OpenTasks { get; } = [.. details.Bookmarks.Where(OpenTask.IsFundingTask).Select(OpenTask.From)];

    public OpenTask? TaskFor(string step) => OpenTasks.FirstOrDefault(t => t.Step == step);

    /// <summary>What ran in the case, oldest first, with who acted (the audit trail).</summary>
    public IReadOnlyList<JournalEntry> Journal => details.Journal;

    /// <summary>The journal's last entry of <paramref name="step"/> (an activity type): when it last ran and on whose action.</summary>
    public JournalEntry? LastDone(string step) => details.Journal.LastOrDefault(e => e.ActivityType == step);

    public T? Read<T>(string variable)
        where T : class => Read<T>(Instance.State.Variables, variable);

    /// <summary>The application form as submitted (kept in the instance's start input).</summary>
    public JsonObject? Form => Instance.State.Input is JsonObject input ? input["form"] as JsonObject : null;

    /// <summary>
    /// The form as it stands now: the submitted one with the corrections of a resubmission (title, project end, cost
    /// and financing plan), which the case's key data carry, so the plan shown always adds up.
    /// </summary>
    public JsonObject? CurrentForm()
    {
        if (Form?.DeepClone() is not JsonObject form)
        {
            return null;
        }

        form["title"] = Application.Title;
        if (form["period"] is JsonObject period)
        {
            period["end"] = Application.ProjectEnd.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Application is { CarriesFinancingPlan: true, CostLines: { } lines })
        {
            form["costPlan"] = new JsonObject
            {
                ["lines"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["description"] = l.Description, ["amount"] = l.Amount })]),
                ["ownFunds"] = Application.OwnFunds,
                ["thirdPartyFunds"] = Application.ThirdPartyFunds ?? 0m,
                ["requestedAmount"] = Application.RequestedAmount,
            };
        }

        return form;
    }

    private static T? Read<T>(JsonObject variables, string name)
        where T : class =>
        variables[name] is { } node ? node.Deserialize<T>(FundingVariables.Json) : null;
}
