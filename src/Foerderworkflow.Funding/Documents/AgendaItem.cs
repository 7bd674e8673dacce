namespace Foerderworkflow.Funding.Documents;

/// <summary>One application on a body's agenda: where and when it is voted on, and what it asks for.</summary>
public sealed record AgendaItem(
    string Body, string Procedure, DateTimeOffset? At, string? Place, string? Item, string FileNumber, string Title, string ApplicantName, decimal RequestedAmount);
