namespace Foerderworkflow.Engine.Persistence.Model;

internal sealed class TimerRow
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string BookmarkId { get; set; }
    public DateTimeOffset DueAt { get; set; }
}
