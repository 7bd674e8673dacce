namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// Thrown by <see cref="Activity.Resume"/> when the caller's input cannot continue the activity. Unlike other
/// exceptions it does not fault the instance: the resume is refused and nothing is committed.
/// </summary>
public sealed class InvalidResumeInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
