namespace Foerderworkflow.Portal;

/// <summary>
/// The portal's authorization policies: the same roles as the API's, authenticated by the browser session cookie.
/// Every page names one (folder conventions in <see cref="PortalRegistration"/>) or is explicitly anonymous.
/// </summary>
public static class PortalPolicies
{
    /// <summary>Anyone signed in to the portal.</summary>
    public const string SignedIn = "Portal." + nameof(SignedIn);

    /// <summary>Applicants (Träger): submit and follow their own applications.</summary>
    public const string Applicant = "Portal." + nameof(Applicant);

    /// <summary>Reading one application: its applicant (own only, checked by the application desk) and case staff.</summary>
    public const string ApplicationReader = "Portal." + nameof(ApplicationReader);

    /// <summary>KuF, office and administration: inbox, register, case work.</summary>
    public const string CaseStaff = "Portal." + nameof(CaseStaff);

    public const string CoordinationOffice = "Portal." + nameof(CoordinationOffice);

    public const string LeadOffice = "Portal." + nameof(LeadOffice);

    public const string CommitteeMember = "Portal." + nameof(CommitteeMember);
}
