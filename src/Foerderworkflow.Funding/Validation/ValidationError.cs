namespace Foerderworkflow.Funding.Validation;

/// <summary>
/// One broken rule. <paramref name="Field"/> is the path of the offending input in the API's JSON notation
/// (e.g. <c>costPlan.lines[2].amount</c>); <paramref name="Message"/> is German because applicants and staff read it.
/// API layers turn a list of these into RFC 7807 problem details.
/// </summary>
public sealed record ValidationError(string Field, string Message);
