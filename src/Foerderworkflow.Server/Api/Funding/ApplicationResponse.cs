using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>An application as every funding endpoint answers it: key data, status, results so far and what happens next.</summary>
internal sealed record ApplicationResponse(
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
    ResolutionState? Resolution,
    DecisionState? Decision,
    ProofOfUseState? ProofOfUse,
    ReviewState? Review,
    JsonObject? Form)
{
    public static ApplicationResponse From(CaseFile file, DateTimeOffset now, bool withForm = true)
    {
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
            file.Read<ResolutionState>(FundingVariables.Resolution),
            file.Read<DecisionState>(FundingVariables.Decision),
            file.Read<ProofOfUseState>(FundingVariables.ProofOfUse),
            file.Read<ReviewState>(FundingVariables.Review),
            withForm ? file.Form?.DeepClone().AsObject() : null);
    }
}

/// <summary>One line of an application list (from the register).</summary>
internal sealed record ApplicationListItem(
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
