using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>
/// Event: A document (Bescheid) was issued for the application, with its bytes. The server stores it from this event in
/// the burst that issued it; an archive (DMS) may keep it too.
/// </summary>
[MessageUrn("foerderworkflow:DocumentIssued")]
public sealed record DocumentIssued
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Identifies the document in URLs, e.g. <c>{applicationId}-GrantDecision-1</c>.</summary>
    public required string DocumentId { get; init; }

    /// <summary>The number printed on it, e.g. <c>AIF-2026-0042/ZB1</c>.</summary>
    public required string Number { get; init; }

    /// <summary><c>GrantDecision</c>, <c>RejectionDecision</c>, <c>AmendmentDecision</c> or <c>ReclaimDecision</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>When it was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The id of the document this one corrects and replaces, if any.</summary>
    public string? Replaces { get; init; }

    /// <summary>How it is made known: <c>Post</c>, <c>Electronic</c> or <c>PortalRetrieval</c> (§ 41 VwVfG).</summary>
    public required string NotificationPath { get; init; }

    /// <summary>The file name, e.g. <c>Zuwendungsbescheid AIF-2026-0042-ZB1.pdf</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>The PDF (base64 in JSON).</summary>
    public required byte[] Content { get; init; }
}
