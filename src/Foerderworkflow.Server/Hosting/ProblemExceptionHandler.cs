using System.Text.Json;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Funding.Validation;
using Foerderworkflow.Server.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Hosting;

/// <summary>Turns the engine's refusals into RFC 7807 answers; anything else stays a 500 with no details leaked.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            InvalidDefinitionException invalid => Validation(
                "Der Ablauf ist fehlerhaft.",
                invalid.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            InvalidResumeInputException { NotYet: true } early => FieldConflict("Schritt noch nicht möglich", early.Field, early.Message),
            InvalidResumeInputException input => Validation(input.Message, new() { [input.Field] = [input.Message] }),
            BookmarkAlreadyConsumedException consumed => Problem(StatusCodes.Status409Conflict, "Bereits fortgesetzt", $"Das Lesezeichen '{consumed.BookmarkId}' wurde bereits verbraucht."),
            InstanceStateException state => Problem(StatusCodes.Status409Conflict, "Aktion im aktuellen Status nicht möglich", state.Message),
            DefinitionVersionConflictException conflict => Problem(StatusCodes.Status409Conflict, "Gleichzeitige Änderung", conflict.Message),
            ConcurrencyConflictException conflict => Problem(StatusCodes.Status409Conflict, "Gleichzeitige Änderung", conflict.Message),
            WorkflowNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Nicht gefunden", notFound.Message),
            DefinitionNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Nicht gefunden", notFound.Message),
            // Checked in the database inside the commit: a concurrent approval took the money; the case still waits.
            BudgetExceededException budget => FieldConflict("Budget nicht ausreichend", BudgetExceededException.AmountField, budget.Message),
            FundingException rule => Validation(
                "Die Eingabe verstößt gegen die Förderregeln.",
                rule.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            BadHttpRequestException { InnerException: TextInputException text } => Validation("Die Eingabe ist ungültig.", new() { [text.FieldIn(JsonField(text))] = [text.Message] }),
            // The reader's own messages name .NET types and are English: the answer names the field and says it in German.
            BadHttpRequestException { InnerException: JsonException json } => Validation("Der Inhalt ist kein gültiges JSON.", new() { [JsonField(json)] = [JsonMessage(json)] }),
            BadHttpRequestException bad => Problem(bad.StatusCode, "Ungültige Anfrage", BadRequestMessage(bad.StatusCode)),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new() { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>409 in the validation shape, naming the field: the input was right, the case's state refuses it now.</summary>
    private static HttpValidationProblemDetails FieldConflict(string title, string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status409Conflict,
            Title = title,
            Detail = message,
        };

    /// <summary>The JSON path the reader stopped at (<c>$.costPlan.ownFunds</c> → <c>costPlan.ownFunds</c>), so the problem names the field.</summary>
    private static string JsonField(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";

    /// <summary>What was wrong, in German: an unreadable document, or a value of the wrong JSON type at that field.</summary>
    private static string JsonMessage(JsonException json) => json.Path is null or "$"
        ? "Erwartet wird ein JSON-Objekt mit den Feldern dieser Anfrage."
        : "Der Wert hat an dieser Stelle nicht den erwarteten Typ oder ist kein gültiges JSON.";

    private static string BadRequestMessage(int status) => status switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Der Inhalt muss JSON sein (Content-Type: application/json).",
        StatusCodes.Status413PayloadTooLarge => "Der Inhalt der Anfrage ist zu groß.",
        _ => "Der Inhalt der Anfrage fehlt oder ist ungültig.",
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Validation(string title, Dictionary<string, string[]> errors) =>
        new(errors) { Status = StatusCodes.Status400BadRequest, Title = title };
}
