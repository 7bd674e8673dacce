using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>
/// Command: send an applicant the e-mail with their one-time sign-in link to the portal. Not about one application
/// (hence not a <see cref="SendEmail"/>); published directly by the portal, not through the workflow outbox: a lost
/// command costs the applicant a new request, and nothing they had handed in is lost. The notification worker sends
/// it at most once per message id.
/// </summary>
/// <remarks>
/// <see cref="Link"/> holds the link's code, which signs its holder in: it must not be logged. It is valid for
/// 15 minutes only, so a copy left in a broker's error queue is worthless soon.
/// </remarks>
[MessageUrn("foerderworkflow:SendSignInLink")]
public sealed record SendSignInLink
{
    /// <summary>Recipient address, as the applicant typed it (trimmed).</summary>
    public required string To { get; init; }

    /// <summary>The absolute link to the portal's sign-in page for this code (<c>…/anmelden/link?code=…</c>).</summary>
    public required Uri Link { get; init; }

    /// <summary>When the link stops working.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the applicant asked for it.</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}
