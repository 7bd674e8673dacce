using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// One application as the workflow carries it: the instance, its variables (the case data every step wrote) and the
/// funding tasks now open. What the API answers about a case is read from here, so it is as fresh as the last commit.
/// </summary>
internal sealed class CaseFile(InstanceDetails details)
{
    public WorkflowInstance Instance => details.Instance;

    public ApplicationCase Application { get; } = Read<ApplicationCase>(details.Instance.State.Variables, FundingVariables.Application)
        ?? throw new InvalidOperationException($"Instance '{details.Instance.Id}' carries no application.");

    public FundSettings? Fund => Read<FundSettings>(FundingVariables.Fund);

    public IReadOnlyList<OpenTask> OpenTasks { get; } = [.. details.Bookmarks.Where(OpenTask.IsFundingTask).Select(OpenTask.From)];

    public OpenTask? TaskFor(string step) => OpenTasks.FirstOrDefault(t => t.Step == step);

    public T? Read<T>(string variable)
        where T : class => Read<T>(Instance.State.Variables, variable);

    /// <summary>The application form as submitted (kept in the instance's start input).</summary>
    public JsonObject? Form => Instance.State.Input is JsonObject input ? input["form"] as JsonObject : null;

    private static T? Read<T>(JsonObject variables, string name)
        where T : class =>
        variables[name] is { } node ? node.Deserialize<T>(FundingVariables.Json) : null;
}
