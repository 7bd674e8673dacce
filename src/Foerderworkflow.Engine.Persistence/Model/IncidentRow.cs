namespace Foerderworkflow.Engine.Persistence.Model;

internal sealed class IncidentRow
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public required string ExceptionType { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
