namespace Foerderworkflow.Casework;

/// <summary>Role names as they appear in tokens (see GLOSSARY: kuf, committee-member, office, applicant, admin).</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string CoordinationOffice = "kuf";
    public const string LeadOffice = "office";
    public const string CommitteeMember = "committee-member";
    public const string Applicant = "applicant";
}
