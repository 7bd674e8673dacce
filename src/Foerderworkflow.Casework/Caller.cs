using System.Security.Claims;

namespace Foerderworkflow.Casework;

/// <summary>Who calls: the token's subject and roles (claim types per <c>Auth:SubjectClaimType</c>/<c>Auth:RoleClaimType</c>).</summary>
public sealed record Caller(string Subject, ClaimsPrincipal Principal)
{
    public static Caller From(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("An authenticated caller without a subject claim."), user);

    /// <summary>
    /// How the journal names the person for the audit trail: the token's name with the account, "Erika Muster (amt)",
    /// or the account alone when the name is the account (development tokens).
    /// </summary>
    public string Actor => Principal.FindFirst("name")?.Value is { Length: > 0 } name && name != Subject ? $"{name} ({Subject})" : Subject;

    public bool IsApplicant => Principal.IsInRole(Roles.Applicant);

    public bool IsAdmin => Principal.IsInRole(Roles.Admin);

    /// <summary>Applicants see only their own cases; every other role allowed by the endpoint's policy sees all.</summary>
    public bool SeesOnlyOwnApplications => IsApplicant && !IsStaff;

    public bool IsStaff => Principal.IsInRole(Roles.CoordinationOffice) || Principal.IsInRole(Roles.LeadOffice) || IsAdmin;

    public bool HasRole(string role) => Principal.IsInRole(role);
}
