using System.Text;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// Who may call what, for every endpoint the app maps: "METHOD route pattern" → the roles let through. Read by the
/// authorization matrix and the hostile-input fuzz test; an endpoint without a row fails both.
/// </summary>
internal static class EndpointRoles
{
    public const string Anonymous = "anonymous";
    public const string Applicant = "traeger";
    public const string Kuf = "kuf";
    public const string Committee = "ausschuss";
    public const string Office = "amt";
    public const string Admin = "admin";

    private static readonly string[] Everyone = [Anonymous, Applicant, Kuf, Committee, Office, Admin];
    public static readonly string[] SignedIn = [Applicant, Kuf, Committee, Office, Admin];
    private static readonly string[] AdminOnly = [Admin];
    private static readonly string[] ApplicantOnly = [Applicant];
    private static readonly string[] KufOnly = [Kuf];
    private static readonly string[] CommitteeOnly = [Committee];
    private static readonly string[] OfficeOnly = [Office];
    private static readonly string[] Staff = [Kuf, Office, Admin];

    /// <summary>Steps whose role the definition assigns: the endpoint admits both, the step only the assigned one.</summary>
    private static readonly string[] AssignedStaff = [Kuf, Office];
    private static readonly string[] Readers = [Applicant, Kuf, Office, Admin];

    /// <summary>Who may call what: "METHOD route pattern" → the roles let through. Route prefixes ending in '*' cover a whole area.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        // Anonymous only from Telemetry:Metrics:AllowedNetworks, none configured in the tests.
        ["GET /metrics"] = AdminOnly,
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["POST /api/dev/token"] = Everyone,

        ["* /api/workflow-definitions*"] = AdminOnly,
        ["* /api/workflow-instances*"] = AdminOnly,
        ["POST /api/bookmarks/{bookmarkId}/resume"] = AdminOnly,
        ["POST /api/events/{eventName}"] = AdminOnly,
        ["* /api/operations*"] = AdminOnly,
        ["* /elsa/api*"] = AdminOnly,
        ["GET /studio/"] = AdminOnly,
        ["GET /studio/edit/{definitionId}"] = AdminOnly,
        ["GET /studio/instances"] = AdminOnly,
        ["GET /studio/instances/{instanceId}"] = AdminOnly,
        ["POST /studio/new"] = AdminOnly,
        ["GET /studio/foerderworkflow-studio.js"] = AdminOnly,
        // Studio's client routes, redirected to our pages (StudioHosting).
        ["GET /studio/workflows/definitions/{definitionId}/edit"] = AdminOnly,
        ["GET /studio/workflows/instances/{instanceId}/view"] = AdminOnly,
        ["GET /studio/signin"] = Everyone,
        ["POST /studio/signin"] = Everyone,
        // Signing out needs no role: the /studio branch lets everyone past the sign-in and sign-out pages (StudioHosting).
        ["POST /studio/signout"] = Everyone,
        ["GET /studio/signedout"] = Everyone,

        ["POST /api/applications/"] = ApplicantOnly,
        ["GET /api/applications/"] = Readers,
        ["GET /api/applications/{applicationId}"] = Readers,
        ["POST /api/applications/{applicationId}/resubmission"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/grant-acceptance"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/proof-of-use"] = ApplicantOnly,
        ["GET /api/tasks"] = Staff,
        ["POST /api/applications/{applicationId}/formal-review"] = AssignedStaff,
        ["POST /api/applications/{applicationId}/routing"] = KufOnly,
        ["POST /api/applications/{applicationId}/vote-closing"] = KufOnly,
        ["GET /api/votes"] = CommitteeOnly,
        ["POST /api/applications/{applicationId}/conflicts"] = CommitteeOnly,
        ["POST /api/applications/{applicationId}/objections"] = CommitteeOnly,
        ["POST /api/applications/{applicationId}/votes"] = CommitteeOnly,
        ["POST /api/applications/{applicationId}/decision"] = AssignedStaff,
        ["POST /api/applications/{applicationId}/proof-of-use-review"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/reclaims"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/payout-requests"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/change-requests"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/project-end"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/withdrawal"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/payouts/{payoutId}/approval"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/change-review"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/repayments"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/attachments"] = ApplicantOnly,
        ["GET /api/applications/{applicationId}/documents"] = Readers,
        ["GET /api/applications/{applicationId}/documents/{documentId}"] = Readers,
        ["POST /api/applications/{applicationId}/documents/notification"] = OfficeOnly,
        // Committee members pass the policy; only the members of the body that voted get the minutes (404 otherwise).
        ["GET /api/applications/{applicationId}/minutes"] = [Kuf, Committee],
        ["GET /api/committee/agenda"] = [Kuf, Committee],
        // Committee members pass the policy; which applications they may read is checked per case (404 otherwise).
        ["GET /api/applications/{applicationId}/attachments"] = [.. Readers, Committee],
        ["GET /api/applications/{applicationId}/attachments/{attachmentId}"] = [.. Readers, Committee],
        ["POST /api/funding/retention-runs"] = AdminOnly,
        ["GET /api/funds/"] = Readers,
        ["GET /api/funds/{fundId}/register/{year:int}"] = [Office, Admin],
        ["GET /api/funds/{fundId}/budgets/{year:int}"] = Staff,

        // The portal (cookie session; tested with portal sign-ins, see AuthorizationMatrixTests.PortalClientAsync).
        ["GET /"] = Everyone,
        ["GET /Index"] = Everyone,
        ["GET /Anmelden"] = Everyone,
        ["GET /anmelden/link"] = Everyone,
        ["GET /assets/{name}"] = Everyone,
        ["GET /fehler/{code:int?}"] = Everyone,
        ["GET /Antraege"] = Readers,
        ["GET /Antraege/Index"] = Readers,
        ["GET /antraege/{id}"] = Readers,
        ["GET /antraege/{id}/{aktion}"] = Readers,
        ["GET /antrag-stellen"] = ApplicantOnly,
        ["GET /Abstimmungen"] = CommitteeOnly,
        ["GET /Abstimmungen/Index"] = CommitteeOnly,
        ["GET /abstimmungen/{id}"] = CommitteeOnly,
        ["GET /Haushalt"] = Staff,
        ["GET /Haushalt/Index"] = Staff,
        ["GET /Aufgaben"] = Staff,
        ["GET /Aufgaben/Index"] = Staff,
    };

    /// <summary>Whether a route belongs to the portal, whose pages authenticate with the session cookie, not bearer tokens.</summary>
    public static bool IsPortal(string pattern) =>
        !new[] { "/api", "/elsa", "/studio", "/health", "/metrics", "/openapi" }.Any(prefix => pattern.StartsWith(prefix, StringComparison.Ordinal));

    public static string[]? RolesFor(string method, string pattern)
    {
        if (Allowed.TryGetValue($"{method} {pattern}", out var exact))
        {
            return exact;
        }

        return Allowed.Where(r => r.Key.StartsWith("* ", StringComparison.Ordinal) && r.Key.EndsWith('*') && pattern.StartsWith(r.Key[2..^1], StringComparison.Ordinal))
            .Select(r => r.Value)
            .FirstOrDefault();
    }

    /// <summary>Placeholder values for route parameters: ids nobody has, a real fund and year for the budget.</summary>
    public static string Fill(string pattern) => Fill(pattern, _ => null);

    /// <summary>Like <see cref="Fill(string)"/>, with <paramref name="known"/> giving a real value for a parameter where it has one.</summary>
    public static string Fill(string pattern, Func<string, string?> known)
    {
        var builder = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] != '{')
            {
                builder.Append(pattern[i++]);
                continue;
            }

            var end = pattern.IndexOf('}', i);
            var name = pattern[(i + 1)..end].TrimStart('*').Split(':', '=', '?')[0];
            builder.Append(known(name) ?? name switch
            {
                "fundId" => "herten-aif",
                "year" or "version" => "2026",
                "documentName" => "v1",
                "code" => "404",
                _ => "no-such-" + name.ToLowerInvariant(),
            });
            i = end + 1;
        }

        return builder.ToString();
    }
}
