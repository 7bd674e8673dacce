namespace Foerderworkflow.Server.Security;

/// <summary>Role names as they appear in tokens (see GLOSSARY: kuf, committee-member, office, applicant, admin).</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string CoordinationOffice = "kuf";
    public const string LeadOffice = "office";
    public const string CommitteeMember = "committee-member";
    public const string Applicant = "applicant";
}

/// <summary>Authorization policies; every endpoint names one of these or is explicitly anonymous.</summary>
internal static class Policies
{
    /// <summary>Operating the engine: definitions, instances, incidents.</summary>
    public const string WorkflowAdministration = nameof(WorkflowAdministration);
}
