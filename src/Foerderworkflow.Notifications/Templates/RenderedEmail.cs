namespace Foerderworkflow.Notifications.Templates;

/// <summary>A rendered e-mail: subject, plain text and HTML, with the applicant's status page link in both bodies.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html, Uri StatusPage);
