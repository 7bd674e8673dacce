namespace Foerderworkflow.Funding.Registry;

/// <summary>One application as the registry lists it: key data, status and money, no form details.</summary>
public sealed record ApplicationSummary
{
    public required string ApplicationId { get; init; }

    public required string FileNumber { get; init; }

    public required string FundId { get; init; }

    public required int BudgetYear { get; init; }

    public required string Title { get; init; }

    /// <summary>The account that submitted it (token subject); the API filters an applicant's view by it.</summary>
    public required string ApplicantSubject { get; init; }

    public required string ApplicantName { get; init; }

    public required ApplicationStatus Status { get; init; }

    public required decimal RequestedAmount { get; init; }

    public decimal? GrantedAmount { get; init; }

    public decimal PaidAmount { get; init; }

    /// <summary>The workflow instance that runs the case.</summary>
    public required string WorkflowInstanceId { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
