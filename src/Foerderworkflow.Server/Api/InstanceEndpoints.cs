using System.Security.Claims;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api;

/// <summary>The runtime API: start instances, resume bookmarks, raise events, inspect, cancel and retry.</summary>
internal static class InstanceEndpoints
{
    private const int MaxIdLength = 200;
    private const int MaxPageSize = 200;

    public static WebApplication MapInstanceEndpoints(this WebApplication app)
    {
        var instances = app.MapGroup("/api/workflow-instances")
            .RequireAuthorization(Policies.WorkflowAdministration)
            .WithTags("Workflow instances");

        instances.MapPost("/", async (StartInstanceRequest request, HttpRequest http, ClaimsPrincipal user, WorkflowRuntime runtime, IWorkflowStore store, Idempotency idempotency, CancellationToken ct) =>
        {
            if ((ValidateId("definitionId", request.DefinitionId, required: true) ?? ValidateId("correlationId", request.CorrelationId, required: false)) is { } problem)
            {
                return problem;
            }

            var (key, badKey) = Idempotency.Read(http);
            if (badKey is not null)
            {
                return badKey;
            }

            var instanceId = key is null ? null : Idempotency.InstanceId("workflow-instances", user.Identity?.Name ?? "", key);
            if (instanceId is not null && await ReplayAsync(instanceId, request, store, idempotency, ct) is { } replayed)
            {
                return replayed;
            }

            RunResult result;
            try
            {
                result = await runtime.StartAsync(request.DefinitionId!, request.Input, request.CorrelationId, instanceId, ct);
            }
            catch (InstanceAlreadyExistsException) when (instanceId is not null)
            {
                // A concurrent retry with the same key committed first and this one wrote nothing: answer as that one.
                return await ReplayAsync(instanceId, request, store, idempotency, ct)
                    ?? throw new InvalidOperationException($"Instance '{instanceId}' exists but cannot be read.");
            }

            var details = await store.GetInstanceDetailsAsync(result.InstanceId, ct);
            return Results.Created($"/api/workflow-instances/{result.InstanceId}", InstanceResponse.From(details!));
        });

        instances.MapGet("/", async (string? definitionId, string? status, string? correlationId, int? page, int? pageSize, IWorkflowStore store, CancellationToken ct) =>
        {
            WorkflowStatus? parsedStatus = null;
            if (status is not null)
            {
                if (!Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                {
                    return ApiProblems.Field("status", $"Erlaubt sind: {string.Join(", ", Enum.GetNames<WorkflowStatus>())}.");
                }

                parsedStatus = s;
            }

            if (page is < 0)
            {
                return ApiProblems.Field("page", "Die Seite beginnt bei 0.");
            }

            if (pageSize is < 1 or > MaxPageSize)
            {
                return ApiProblems.Field("pageSize", $"Die Seitengröße liegt zwischen 1 und {MaxPageSize}.");
            }

            var result = await store.ListInstancesAsync(new InstanceQuery(definitionId, parsedStatus, correlationId, page ?? 0, pageSize ?? 50), ct);
            return Results.Ok(result);
        });

        instances.MapGet("/{instanceId}", async (string instanceId, IWorkflowStore store, CancellationToken ct) =>
            await store.GetInstanceDetailsAsync(instanceId, ct) is { } details
                ? Results.Ok(InstanceResponse.From(details))
                : ApiProblems.NotFound($"Es gibt keine Instanz '{instanceId}'."));

        instances.MapPost("/{instanceId}/cancel", async (string instanceId, WorkflowRuntime runtime, IWorkflowStore store, CancellationToken ct) =>
            Results.Ok(await RunAndDescribeAsync(() => runtime.CancelAsync(instanceId, ct), store, ct)));

        instances.MapPost("/{instanceId}/retry", async (string instanceId, WorkflowRuntime runtime, IWorkflowStore store, CancellationToken ct) =>
            Results.Ok(await RunAndDescribeAsync(() => runtime.RetryAsync(instanceId, ct), store, ct)));

        var bookmarks = app.MapGroup("/api/bookmarks")
            .RequireAuthorization(Policies.WorkflowAdministration)
            .WithTags("Workflow instances");
        bookmarks.MapPost("/{bookmarkId}/resume", async (string bookmarkId, ResumeRequest? request, ClaimsPrincipal user, WorkflowRuntime runtime, IWorkflowStore store, CancellationToken ct) =>
            Results.Ok(await RunAndDescribeAsync(() => runtime.ResumeAsync(bookmarkId, request?.Input ?? [], Foerderworkflow.Casework.Caller.From(user).Actor, request: null, ct), store, ct)));

        var events = app.MapGroup("/api/events")
            .RequireAuthorization(Policies.WorkflowAdministration)
            .WithTags("Workflow instances");
        events.MapPost("/{eventName}", async (string eventName, TriggerEventRequest? request, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            if ((ValidateId("eventName", eventName, required: true) ?? ValidateId("correlationId", request?.CorrelationId, required: false)) is { } problem)
            {
                return problem;
            }

            var results = await runtime.TriggerEventAsync(eventName, request?.CorrelationId, request?.Input, ct);
            return Results.Ok(new TriggerEventResponse(results.Select(r => new ResumedInstance(r.InstanceId, r.Status)).ToList()));
        });

        return app;
    }

    /// <summary>The first answer again for a start with a used key (or the 422 problem if it asked for something else); null when the key is new.</summary>
    private static async Task<IResult?> ReplayAsync(string instanceId, StartInstanceRequest request, IWorkflowStore store, Idempotency idempotency, CancellationToken ct)
    {
        if (await store.GetInstanceDetailsAsync(instanceId, ct) is not { } details)
        {
            return null;
        }

        var existing = details.Instance;
        var same = existing.DefinitionId == request.DefinitionId
            && existing.CorrelationId == request.CorrelationId
            && Idempotency.Same(existing.State.Input, request.Input);
        return idempotency.Refusal(existing, same) ?? Results.Created($"/api/workflow-instances/{instanceId}", InstanceResponse.From(details));
    }

    private static async Task<InstanceResponse> RunAndDescribeAsync(Func<Task<RunResult>> run, IWorkflowStore store, CancellationToken ct)
    {
        var result = await run();
        var details = await store.GetInstanceDetailsAsync(result.InstanceId, ct);
        return InstanceResponse.From(details!);
    }

    private static IResult? ValidateId(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? ApiProblems.Field(field, $"'{field}' fehlt.") : null;
        }

        return value.Length > MaxIdLength ? ApiProblems.Field(field, $"'{field}' darf höchstens {MaxIdLength} Zeichen lang sein.") : null;
    }
}

internal sealed record StartInstanceRequest(string? DefinitionId, string? CorrelationId, JsonObject? Input);

internal sealed record ResumeRequest(JsonObject? Input);

internal sealed record TriggerEventRequest(string? CorrelationId, JsonObject? Input);

internal sealed record TriggerEventResponse(IReadOnlyList<ResumedInstance> Resumed);

internal sealed record ResumedInstance(string InstanceId, WorkflowStatus Status);

internal sealed record InstanceResponse(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int DefinitionVersion,
    WorkflowStatus Status,
    string? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    JsonObject Variables,
    IReadOnlyList<WaitingBookmark> WaitingFor,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Incident> Incidents)
{
    public static InstanceResponse From(InstanceDetails details)
    {
        var instance = details.Instance;
        return new InstanceResponse(
            instance.Id,
            instance.DefinitionId,
            instance.DefinitionVersionId,
            instance.DefinitionVersion,
            instance.Status,
            instance.CorrelationId,
            instance.CreatedAt,
            instance.UpdatedAt,
            instance.FinishedAt,
            instance.State.Variables,
            details.Bookmarks.Select(b => new WaitingBookmark(b.Id, b.Name, b.ActivityId, b.Payload, b.CreatedAt)).ToList(),
            details.Journal,
            details.Incidents);
    }
}

internal sealed record WaitingBookmark(string Id, string Name, string ActivityId, JsonObject Payload, DateTimeOffset CreatedAt);
