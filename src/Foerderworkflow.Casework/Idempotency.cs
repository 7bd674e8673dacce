using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Casework;

/// <summary>How long a retry with the same <c>Idempotency-Key</c> gets the first answer (<c>Idempotency:Window</c>).</summary>
public sealed class IdempotencyOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The <c>Idempotency-Key</c> of a create request. The new instance's id is derived from endpoint, caller and key, so the
/// workflow store's primary key is the gate: of two starts with one key (a retry, or 20 at once, before or after a
/// restart) one commits, the other writes nothing (<see cref="Foerderworkflow.Engine.Storage.InstanceAlreadyExistsException"/>)
/// and both answer from the stored instance. What the request asked for is in the instance itself (its start input),
/// so a different body under the same key is recognised and refused with 422.
/// </summary>
public sealed class Idempotency(IdempotencyOptions options, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";

    private const int MaxKeyLength = 200;

    /// <summary>The key (null without the header), or a 400 problem naming the header when it is malformed.</summary>
    public static (string? Key, IResult? Problem) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return (null, null);
        }

        var key = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || key.Any(c => c is <= ' ' or > '~'))
        {
            return (null, ApiProblems.Field(Header, $"Ein Schlüssel aus 1 bis {MaxKeyLength} sichtbaren ASCII-Zeichen (ohne Leerzeichen), z. B. eine UUID; genau einmal angeben."));
        }

        return (key, null);
    }

    /// <summary>The instance id for <paramref name="key"/> of <paramref name="subject"/> on <paramref name="scope"/> (an endpoint): 32 hex digits, like a generated one.</summary>
    public static string InstanceId(string scope, string subject, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', "idempotency", scope, subject, key)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>
    /// The answer to a retry: null when <paramref name="existing"/> is the same request within the window (answer as the
    /// first time), otherwise the 422 problem.
    /// </summary>
    public IResult? Refusal(WorkflowInstance existing, bool sameRequest)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (!sameRequest)
        {
            return Problem("Dieser Idempotency-Key wurde bereits für eine Anfrage mit anderem Inhalt verwendet. Für eine neue Anfrage bitte einen neuen Schlüssel verwenden.");
        }

        if (clock.GetUtcNow() - existing.CreatedAt > options.Window)
        {
            return Problem($"Dieser Idempotency-Key wurde am {existing.CreatedAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)} (UTC) verwendet; Wiederholungen werden {Hours(options.Window)} lang beantwortet. Für eine neue Anfrage bitte einen neuen Schlüssel verwenden.");
        }

        return null;
    }

    /// <summary>
    /// For a request that completes a step of an existing case (a payout request, a change request): the key of
    /// <paramref name="subject"/> for <paramref name="scope"/> and the fingerprint of <paramref name="body"/>; null
    /// without the header, or the 400 problem when the header is malformed.
    /// </summary>
    public static (HandledRequest? Request, IResult? Problem) ForStep(HttpRequest http, string scope, string subject, object body)
    {
        var (key, problem) = Read(http);
        return key is null ? (null, problem) : (ForStep(key, scope, subject, body), null);
    }

    /// <summary>The record of a step completion under a key already read (the API's header, the portal form's hidden key); null without one.</summary>
    public static HandledRequest? ForStep(string? key, string scope, string subject, object body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (key is null)
        {
            return null;
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), JsonSerializerOptions.Web)));
        return new HandledRequest(InstanceId(scope, subject, key), fingerprint, DateTimeOffset.MinValue);
    }

    /// <summary>The answer to a retry of a step completion recorded in <paramref name="instance"/>: null (answer as the first time), the 422 problem, or not recorded.</summary>
    public (bool Recorded, IResult? Refusal) Check(WorkflowInstance instance, HandledRequest request)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(request);
        if (!instance.State.Requests.TryGetValue(request.Id, out var handled))
        {
            return (false, null);
        }

        if (handled.Fingerprint != request.Fingerprint)
        {
            return (true, Problem("Dieser Idempotency-Key wurde bereits für eine Anfrage mit anderem Inhalt verwendet. Für eine neue Anfrage bitte einen neuen Schlüssel verwenden."));
        }

        return clock.GetUtcNow() - handled.At > options.Window
            ? (true, Problem($"Dieser Idempotency-Key wurde am {handled.At.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)} (UTC) verwendet; Wiederholungen werden {Hours(options.Window)} lang beantwortet. Für eine neue Anfrage bitte einen neuen Schlüssel verwenden."))
            : (true, null);
    }

    /// <summary>Whether two request bodies (as JSON) are the same request.</summary>
    public static bool Same(JsonNode? stored, JsonNode? requested) => JsonNode.DeepEquals(stored, requested);

    private static string Hours(TimeSpan window) => window.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + " Stunden";

    private static IResult Problem(string detail) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency-Key bereits verwendet",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = [detail] } });
}
