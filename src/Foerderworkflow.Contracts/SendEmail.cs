using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Command: send one e-mail rendered from a template; the notification worker sends it at most once per message id.</summary>
[MessageUrn("foerderworkflow:SendEmail")]
public sealed record SendEmail
{
    /// <summary>The application the e-mail is about; the correlation key.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund of the application.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year of the application.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When the workflow asked for the e-mail.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Recipient address.</summary>
    public required string To { get; init; }

    /// <summary>Name of the template, one of <see cref="EmailTemplates"/>.</summary>
    public required string Template { get; init; }

    /// <summary>Values the template fills in, keyed by <see cref="EmailFields"/>, in machine formats (see there); the worker formats them.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <summary>Files to attach (the issued Bescheid); empty or missing: none.</summary>
    public IReadOnlyList<EmailAttachment>? Attachments { get; init; }
}
