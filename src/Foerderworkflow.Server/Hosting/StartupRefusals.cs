namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// Settings found unsafe while the services are registered (e.g. the demo users outside Development). The server
/// refuses to start on any of them with one critical log line each that names the setting, instead of a stack trace
/// an operator has to read through, and before it opens a port or touches the database.
/// </summary>
internal sealed partial class StartupRefusals
{
    private readonly List<string> reasons = [];

    public IReadOnlyList<string> Reasons => reasons;

    public void Add(string reason) => reasons.Add(reason);

    /// <summary>Logs every reason; true when there was one and the server must not start.</summary>
    public bool LogAll(ILogger logger)
    {
        foreach (var reason in reasons)
        {
            LogRefused(logger, reason);
        }

        return reasons.Count > 0;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "Server not started: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

internal static class StartupRefusalRegistration
{
    /// <summary>The one list of refusals of this host (registered on first use).</summary>
    public static StartupRefusals StartupRefusals(this WebApplicationBuilder builder)
    {
        if (builder.Services.FirstOrDefault(d => d.ServiceType == typeof(StartupRefusals))?.ImplementationInstance is StartupRefusals existing)
        {
            return existing;
        }

        var refusals = new StartupRefusals();
        builder.Services.AddSingleton(refusals);
        return refusals;
    }

    /// <summary>True when a registration found an unsafe setting; each was logged as one critical line.</summary>
    public static bool RefusesToStart(this WebApplication app) =>
        app.Services.GetService<StartupRefusals>() is { } refusals && refusals.LogAll(app.Logger);
}
