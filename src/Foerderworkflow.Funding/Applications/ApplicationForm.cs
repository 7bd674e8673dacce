namespace Foerderworkflow.Funding.Applications;

/// <summary>What an applicant submits for one project in one fund and budget year.</summary>
public sealed record ApplicationForm
{
    public required int BudgetYear { get; init; }

    public required Applicant Applicant { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    /// <summary>Handlungsfeld, e.g. "Demokratieförderung" or "Vielfalt".</summary>
    public required string FieldOfAction { get; init; }

    public IReadOnlyList<string> TargetGroups { get; init; } = [];

    public int PlannedParticipants { get; init; }

    public required ProjectPeriod Period { get; init; }

    public required CostAndFinancingPlan CostPlan { get; init; }

    /// <summary>Written reason why the requested amount may exceed the fund's cap; without it the cap applies.</summary>
    public string? CapExceptionReason { get; init; }
}
