namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>One e-mail as Python's MIME parser decoded it; <see cref="Source"/> is the raw message as it arrived.</summary>
public sealed record ReceivedMail(string Subject, string To, string From, string MessageId, string ContentType, string? Text, string? Html, string Source);
