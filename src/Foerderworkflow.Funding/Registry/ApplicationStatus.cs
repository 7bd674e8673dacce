namespace Foerderworkflow.Funding.Registry;

/// <summary>
/// Where an application stands, as the applicant and the office see it. Derived from the events the workflow
/// publishes (the store projects them in the same transaction as the burst), never set by hand.
/// </summary>
public enum ApplicationStatus
{
    /// <summary>Eingereicht: waiting for the KuF's formal review.</summary>
    Submitted,

    /// <summary>Nachforderung: the KuF asked for changes; the applicant must answer by the reply deadline.</summary>
    ChangesRequested,

    /// <summary>Formal geprüft, waiting to be put on an agenda or into a written procedure.</summary>
    Reviewed,

    /// <summary>Zur Abstimmung gestellt (session, written procedure, youth forum, or office and KuF).</summary>
    InVote,

    /// <summary>Votum liegt vor, waiting for the office's decision.</summary>
    AwaitingDecision,

    /// <summary>Bewilligt: grant decision issued, waiting for the agreement or the appeal period.</summary>
    Approved,

    /// <summary>Abgelehnt (also: unzulässig).</summary>
    Rejected,

    /// <summary>Bestandskräftig / Vertrag unterschrieben: payouts may be requested.</summary>
    GrantAccepted,

    /// <summary>Verwendungsnachweis fällig.</summary>
    ProofOfUseDue,

    /// <summary>Verwendungsnachweis überfällig (dunning).</summary>
    ProofOfUseOverdue,

    /// <summary>Verwendungsnachweis eingereicht, in review by the office.</summary>
    ProofOfUseSubmitted,

    /// <summary>Rückforderung erhoben, waiting for repayment.</summary>
    ReclaimRaised,

    /// <summary>Rückzahlung überfällig (dunned, or the due date passed).</summary>
    RepaymentOverdue,

    /// <summary>Abgeschlossen.</summary>
    Closed,

    /// <summary>Zurückgezogen by the applicant.</summary>
    Withdrawn,
}
