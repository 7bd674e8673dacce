namespace Foerderworkflow.BrowserTests;

/// <summary>
/// Numbers a test's steps: one sequence shared by the browsers of several people in one test, so that the screenshots
/// sort in the order the case happened, whoever took them.
/// </summary>
public sealed class ScreenshotSequence
{
    private int step;

    public int Next() => Interlocked.Increment(ref step);
}
