namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// Thrown by <see cref="Activity.Resume"/> when the caller's input cannot continue the activity. Unlike other
/// exceptions it does not fault the instance: the resume is refused and nothing is committed.
/// </summary>
public sealed class InvalidResumeInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>
    /// The input is well-formed but the case is not ready for it yet (e.g. counting a session's vote before the
    /// session): hosts answer 409 Conflict rather than 400.
    /// </summary>
    public bool NotYet { get; init; }
}
