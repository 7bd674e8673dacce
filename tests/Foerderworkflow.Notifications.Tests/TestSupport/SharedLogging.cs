using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>
/// MassTransit keeps the first logger factory it sees in a static log context; a factory disposed with one test's
/// provider would break the next bus. So every worker in the tests shares this one, which no provider owns.
/// </summary>
public static class SharedLogging
{
    public static RecordingLoggerProvider Logs { get; } = new();

    public static ILoggerFactory Factory { get; } = LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));

    /// <summary>What is logged from now on.</summary>
    public static LogView FromNow() => new(Logs, Logs.Entries.Count);
}
