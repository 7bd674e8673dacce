using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// Refuses a JSON request body that is not valid UTF-8 with a 400 problem before any endpoint reads it. The JSON
/// reader checks the encoding only of the values it decodes: an invalid byte in a property a typed body ignores went
/// through unnoticed (the request then acted as if it were empty), and in a free JSON value it failed later as a 500.
/// </summary>
internal sealed class Utf8BodyCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var request = context.Request;
        if (request.ContentLength is 0 || !IsJson(request.ContentType))
        {
            await next(context);
            return;
        }

        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, context.RequestAborted);
        request.Body.Position = 0;
        if (Utf8.IsValid(copy.GetBuffer().AsSpan(0, (int)copy.Length)))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new()
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["Der Inhalt ist kein gültiges UTF-8."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Der Inhalt ist kein gültiges JSON.",
            },
        });
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Split(';', 2)[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
