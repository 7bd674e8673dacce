namespace Foerderworkflow.BrowserTests;

/// <summary>An application the test submitted: the id in its status page's address and the file number pages show.</summary>
public sealed record SubmittedApplication(string Id, string FileNumber);
