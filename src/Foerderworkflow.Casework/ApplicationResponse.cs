using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Casework;

/// <summary>An application as every funding endpoint answers it: key data, status, results so far and what happens next.</summary>
public sealed record ApplicationResponse(
    string ApplicationId,
    string FileNumber,
    string FundId,
    int BudgetYear,
    string Title,
    string ApplicantName,
    decimal RequestedAmount,
    DateOnly? ProjectStart,
    DateOnly ProjectEnd,
    ApplicationStatus Status,
    string StatusText,
    NextStep NextStep,
    ChangeRequestState? ChangeRequest,
    RoutingState? Routing,
    ResolutionView? Resolution,
    DecisionState? Decision,
    ProofOfUseState? ProofOfUse,
    ReviewState? Review,
    JsonObject? Form)
{
    /// <param name="caller">Who reads: an applicant sees the committee's outcome and conditions, not its minutes.</param>
    public static ApplicationResponse From(CaseFile file, DateTimeOffset now, Caller caller, bool withForm = true)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(file);
        var application = file.Application;
        var status = CaseStatus.Of(file, now);
        return new ApplicationResponse(
            application.ApplicationId,
            application.FileNumber,
            file.Fund?.Id ?? "",
            application.BudgetYear,
            application.Title,
            application.ApplicantName,
            application.RequestedAmount,
            application.ProjectStart,
            application.ProjectEnd,
            status,
            CaseStatus.Text(status),
            NextStep.Of(file),
            file.Read<ChangeRequestState>(FundingVariables.ChangeRequest),
            file.Read<RoutingState>(FundingVariables.Routing),
            ResolutionView.Of(file.Read<ResolutionState>(FundingVariables.Resolution), minutes: !caller.SeesOnlyOwnApplications),
            file.Read<DecisionState>(FundingVariables.Decision),
            file.Read<ProofOfUseState>(FundingVariables.ProofOfUse),
            file.Read<ReviewState>(FundingVariables.Review),
            withForm ? file.CurrentForm() : null);
    }
}

/// <summary>
/// The committee's resolution as a reader may see it: the outcome and the conditions for everyone; the votes and the
/// minutes (who took part, who declared a conflict and why) only for the KuF, the office and the body.
/// </summary>
public sealed record ResolutionView(string Outcome, string? Conditions, int? VotesFor, int? VotesAgainst, int? Abstentions, string? Minutes)
{
    public static ResolutionView? Of(ResolutionState? resolution, bool minutes) => resolution is null ? null
        : minutes ? new(resolution.Outcome, resolution.Conditions, resolution.VotesFor, resolution.VotesAgainst, resolution.Abstentions, resolution.Minutes)
        : new(resolution.Outcome, resolution.Conditions, null, null, null, null);
}

/// <summary>One line of an application list (from the register).</summary>
public sealed record ApplicationListItem(
    string ApplicationId,
    string FileNumber,
    string FundId,
    int BudgetYear,
    string Title,
    string ApplicantName,
    ApplicationStatus Status,
    string StatusText,
    decimal RequestedAmount,
    decimal? GrantedAmount,
    decimal PaidAmount,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt)
{
    public static ApplicationListItem From(ApplicationSummary s) => new(
        s.ApplicationId, s.FileNumber, s.FundId, s.BudgetYear, s.Title, s.ApplicantName, s.Status, CaseStatus.Text(s.Status),
        s.RequestedAmount, s.GrantedAmount, s.PaidAmount, s.SubmittedAt, s.UpdatedAt);
}
