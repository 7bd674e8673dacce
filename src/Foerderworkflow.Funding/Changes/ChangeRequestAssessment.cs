using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Changes;

/// <summary>Whether a change request after approval is needed, and why (each reason names the cost line).</summary>
public sealed record ChangeRequestAssessment(bool Required, IReadOnlyList<ValidationError> Reasons);
