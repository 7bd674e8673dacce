namespace Foerderworkflow.Funding.Registry;

/// <summary>
/// One project of a fund's register for a budget year, with the figures a partnership reports to the federal programme
/// per project: who, what, for whom, how many, and the money approved, paid and returned.
/// </summary>
public sealed record RegisterEntry
{
    public required string FileNumber { get; init; }

    public required string ApplicantName { get; init; }

    public required string Title { get; init; }

    /// <summary>Handlungsfeld as the applicant named it; empty for cases whose form was erased.</summary>
    public required string FieldOfAction { get; init; }

    public required IReadOnlyList<string> TargetGroups { get; init; }

    /// <summary>The participants planned in the application.</summary>
    public required int PlannedParticipants { get; init; }

    public required ApplicationStatus Status { get; init; }

    public required decimal RequestedAmount { get; init; }

    public decimal ApprovedAmount { get; init; }

    public decimal PaidAmount { get; init; }

    /// <summary>Repaid after a reclaim.</summary>
    public decimal ReturnedAmount { get; init; }
}
