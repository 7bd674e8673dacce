namespace Foerderworkflow.Server.Security;

/// <summary>Authorization policies; every endpoint names one of these or is explicitly anonymous.</summary>
internal static class Policies
{
    /// <summary>Operating the engine: definitions, instances, incidents.</summary>
    public const string WorkflowAdministration = nameof(WorkflowAdministration);

    /// <summary>Submitting and following one's own applications (Träger).</summary>
    public const string Applicant = nameof(Applicant);

    /// <summary>The Koordinierungs- und Fachstelle: formal review, agenda, closing a vote.</summary>
    public const string CoordinationOffice = nameof(CoordinationOffice);

    /// <summary>Voting members of the Begleitausschuss or the youth forum.</summary>
    public const string CommitteeMember = nameof(CommitteeMember);

    /// <summary>The federal programme's lead office (federführendes Amt): decisions, payouts, proof-of-use review, reclaims.</summary>
    public const string LeadOffice = nameof(LeadOffice);

    /// <summary>
    /// Staff steps whose role the workflow definition assigns ("Rolle": KuF or office): the endpoint lets both in, the
    /// step itself admits only the assigned role (ApplicationDesk).
    /// </summary>
    public const string AssignedStaff = nameof(AssignedStaff);

    /// <summary>Staff who work on cases (KuF, office) and the administrator: task inbox, all applications, funds.</summary>
    public const string CaseStaff = nameof(CaseStaff);

    /// <summary>Scraping <c>/metrics</c>: anyone from the configured monitoring networks, else an administrator (see ServerTelemetry).</summary>
    public const string MetricsScrape = nameof(MetricsScrape);

    /// <summary>Reading one application: the applicant (own only, checked by the endpoint) and case staff.</summary>
    public const string ApplicationReader = nameof(ApplicationReader);
}
