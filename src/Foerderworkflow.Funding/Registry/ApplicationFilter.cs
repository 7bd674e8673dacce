namespace Foerderworkflow.Funding.Registry;

/// <summary>Which applications to list; every criterion left null matches all.</summary>
public sealed record ApplicationFilter
{
    public string? ApplicantSubject { get; init; }

    public string? FundId { get; init; }

    public int? BudgetYear { get; init; }

    public ApplicationStatus? Status { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}
