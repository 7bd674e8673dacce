using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>Keeps every log entry, so a test can wait for a signal such as "SMTP attempt failed".</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, EventId EventId, string Message)> Entries { get; } = new();

    public bool Has(string categorySuffix, int eventId, int since = 0) =>
        Entries.Skip(since).Any(entry => entry.Category.EndsWith(categorySuffix, StringComparison.Ordinal) && entry.EventId.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((category, eventId, formatter(state, exception)));
    }
}
