using System.Text.RegularExpressions;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// Operator endpoints of the messaging (administrators only; see docs/messages.md): the outbox backlog, moving
/// <c>_error</c> messages back to their queue, re-publishing parked outbox rows.
/// </summary>
internal static partial class OperationsEndpoints
{
    private const int DefaultMax = 100;
    private const int MaxMax = 10_000;

    public static WebApplication MapOperationsEndpoints(this WebApplication app)
    {
        var operations = app.MapGroup("/api/operations")
            .RequireAuthorization(Policies.WorkflowAdministration)
            .WithTags("Operations");

        operations.MapGet("/outbox", async (OutboxBacklog backlog, TimeProvider clock, CancellationToken ct) =>
        {
            var snapshot = await backlog.SampleAsync(ct);
            return Results.Ok(new
            {
                unsent = snapshot.Unsent,
                unsentAtLeast = snapshot.AtLeast,
                oldestCreatedAt = snapshot.OldestCreatedAt,
                oldestAgeSeconds = Math.Round(snapshot.OldestAge(clock.GetUtcNow()).TotalSeconds, 1),
                sampledAt = snapshot.SampledAt,
            });
        });

        operations.MapPost("/error-queues/{queue}/requeue", async (string queue, int? max, ErrorQueueRequeue requeue, MessagingOptions options, CancellationToken ct) =>
        {
            if (!QueueName().IsMatch(queue) || queue.EndsWith("_error", StringComparison.Ordinal))
            {
                return ApiProblems.Field("queue", "Gemeint ist der Name der Warteschlange ohne „_error“ (Buchstaben, Ziffern, . _ : -; höchstens 200 Zeichen).");
            }

            if (ValidateMax(max) is { } problem)
            {
                return problem;
            }

            if (NotOnRabbitMq(options) is { } conflict)
            {
                return conflict;
            }

            var result = await requeue.RequeueAsync(queue, max ?? DefaultMax, ct);
            return result is null
                ? ApiProblems.NotFound($"Die Warteschlange „{queue}_error“ gibt es nicht.")
                : Results.Ok(result);
        });

        operations.MapPost("/outbox-parked/republish", async (int? max, ErrorQueueRequeue requeue, MessagingOptions options, CancellationToken ct) =>
            ValidateMax(max) ?? NotOnRabbitMq(options) ?? Results.Ok(await requeue.RepublishParkedAsync(max ?? DefaultMax, ct)));

        return app;
    }

    private static IResult? ValidateMax(int? max) =>
        max is < 1 or > MaxMax ? ApiProblems.Field("max", $"Erlaubt sind 1 bis {MaxMax} Nachrichten je Aufruf.") : null;

    private static IResult? NotOnRabbitMq(MessagingOptions options) =>
        options.Transport == MessagingTransport.RabbitMq
            ? null
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Keine Warteschlangen",
                detail: "Der eingebettete Betrieb (Messaging:Transport=InMemory) hat keine Fehler-Warteschlangen; Nachrichten leben nur im Speicher.");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,200}$")]
    private static partial Regex QueueName();
}
