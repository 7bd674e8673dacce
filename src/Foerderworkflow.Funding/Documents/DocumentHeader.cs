namespace Foerderworkflow.Funding.Documents;

/// <summary>What identifies an issued document: its number, its issue time and the document it replaces, if any.</summary>
public sealed record DocumentHeader(string DocumentId, string Number, DocumentKind Kind, DateTimeOffset IssuedAt, string? ReplacesId = null, string? ReplacesNumber = null);
