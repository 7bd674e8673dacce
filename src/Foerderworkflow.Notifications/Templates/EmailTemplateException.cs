namespace Foerderworkflow.Notifications.Templates;

/// <summary>
/// A SendEmail that no template can render (unknown template, missing or malformed value). Retrying cannot help, so
/// the consumer definition does not retry it: the message goes straight to the <c>_error</c> queue.
/// </summary>
public sealed class EmailTemplateException(string message) : Exception(message);
