using System.Text.RegularExpressions;
using Foerderworkflow.Messaging;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// Operator endpoints of the messaging (administrators only; see docs/messages.md): the outbox backlog, moving
/// <c>_error</c> messages back to their queue, re-publishing parked outbox rows; on the embedded transport the same
/// moves take the dead letters of that queue, which are also listed and moved back under <c>/dead-letters</c>.
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

        operations.MapPost("/error-queues/{queue}/requeue", async (string queue, int? max, IServiceProvider services, MessagingOptions options, CancellationToken ct) =>
        {
            if (!QueueName().IsMatch(queue) || queue.EndsWith("_error", StringComparison.Ordinal))
            {
                return ApiProblems.Field("queue", "Gemeint ist der Name der Warteschlange ohne „_error“ (Buchstaben, Ziffern, . _ : -; höchstens 200 Zeichen).");
            }

            if (ValidateMax(max) is { } problem)
            {
                return problem;
            }

            // Embedded: what a consumer gave up on is a dead letter named after the consumer's queue.
            if (options.Transport != MessagingTransport.RabbitMq)
            {
                return Results.Ok(await services.GetRequiredService<DeadLetterRequeue>().RequeueAsync(queue, max ?? DefaultMax, ct));
            }

            var result = await services.GetRequiredService<ErrorQueueRequeue>().RequeueAsync(queue, max ?? DefaultMax, ct);
            return result is null
                ? ApiProblems.NotFound($"Die Warteschlange „{queue}_error“ gibt es nicht.")
                : Results.Ok(result);
        });

        operations.MapPost("/outbox-parked/republish", async (int? max, IServiceProvider services, MessagingOptions options, CancellationToken ct) =>
            ValidateMax(max) ?? Results.Ok(options.Transport == MessagingTransport.RabbitMq
                ? await services.GetRequiredService<ErrorQueueRequeue>().RepublishParkedAsync(max ?? DefaultMax, ct)
                : await services.GetRequiredService<DeadLetterRequeue>().RequeueAsync(options.ParkingQueue, max ?? DefaultMax, ct)));

        operations.MapGet("/dead-letters", async (string? queue, int? max, IServiceProvider services, MessagingOptions options, CancellationToken ct) =>
            ValidateMax(max) ?? OnlyEmbedded(options) ?? Results.Ok(await services.GetRequiredService<IDeadLetterStore>().ListAsync(queue, max ?? DefaultMax, ct)));

        operations.MapPost("/dead-letters/requeue", async (string? queue, int? max, IServiceProvider services, MessagingOptions options, CancellationToken ct) =>
            ValidateMax(max) ?? OnlyEmbedded(options) ?? Results.Ok(await services.GetRequiredService<DeadLetterRequeue>().RequeueAsync(queue, max ?? DefaultMax, ct)));

        return app;
    }

    private static IResult? ValidateMax(int? max) =>
        max is < 1 or > MaxMax ? ApiProblems.Field("max", $"Erlaubt sind 1 bis {MaxMax} Nachrichten je Aufruf.") : null;

    private static IResult? OnlyEmbedded(MessagingOptions options) =>
        options.Transport == MessagingTransport.RabbitMq
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Keine Ablage unzustellbarer Nachrichten",
                detail: "Auf RabbitMQ liegen aufgegebene Nachrichten in den Fehler-Warteschlangen (<Warteschlange>_error); zurückholen mit POST /api/operations/error-queues/{queue}/requeue.")
            : null;

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,200}$")]
    private static partial Regex QueueName();
}
