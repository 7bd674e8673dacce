namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>The log entries recorded after a point (a worker's start), so tests sharing a logger do not see each other's.</summary>
public sealed class LogView(RecordingLoggerProvider logs, int since)
{
    public bool Has(string categorySuffix, int eventId) => logs.Has(categorySuffix, eventId, since);
}
