using Foerderworkflow.Funding.Deadlines;

namespace Foerderworkflow.Funding.Decisions;

/// <summary>
/// The Bekanntgabe of one document: its path, the day it was posted, sent or made available, and for the portal the day
/// it was retrieved. The appeal period and the Bestandskraft run from <see cref="DeemedOn"/>, not from the decision
/// (§ 41 VwVfG as amended from 2025; § 70, § 74 VwGO).
/// </summary>
/// <param name="Path">Post, electronic document or portal retrieval.</param>
/// <param name="SentOn">The (German) day the document was posted, sent or made available for retrieval.</param>
/// <param name="RetrievedOn">The day the applicant retrieved it from the portal; null before, and for the other paths.</param>
public sealed record Notification(NotificationPath Path, DateOnly SentOn, DateOnly? RetrievedOn = null)
{
    /// <summary>§ 41 (2) VwVfG: "am vierten Tag nach der Aufgabe zur Post" (and after sending an electronic document).</summary>
    public const int DaysUntilDeemedReceived = 4;

    /// <summary>§ 41 (2a) VwVfG: a document not retrieved within ten days after it was made available is reported to the authority.</summary>
    public const int RetrievalDays = 10;

    /// <summary>
    /// The day the document counts as notified: the fourth day after posting or sending; the day after a portal
    /// retrieval; null while a portal document is not retrieved (then there is no notification yet and no period runs).
    /// The fourth day is a fiction of the law and is not moved off weekends here: only the end of the period is
    /// (§ 193 BGB, <see cref="LegalDeadline"/>), as the deadlines of this repository do throughout.
    /// </summary>
    public DateOnly? DeemedOn => Path switch
    {
        NotificationPath.PortalRetrieval => RetrievedOn?.AddDays(1),
        _ => SentOn.AddDays(DaysUntilDeemedReceived),
    };

    /// <summary>The last day a portal document may be retrieved before the office must notify another way (not moved: the law counts ten days).</summary>
    public DateOnly RetrievalLapsesOn => SentOn.AddDays(RetrievalDays);

    /// <summary>Whether a portal document was not retrieved in time on <paramref name="today"/>: the office must be told and notify another way.</summary>
    public bool RetrievalOverdue(DateOnly today) => Path == NotificationPath.PortalRetrieval && RetrievedOn is null && today > RetrievalLapsesOn;

    /// <summary>
    /// The last day of the appeal period of <paramref name="months"/> months (one by default) counted from the deemed
    /// notification, moved by § 193 BGB off weekends and the holidays of <paramref name="state"/>; null while not notified.
    /// </summary>
    public DateOnly? AppealDeadline(FederalState state, int months = 1) =>
        DeemedOn is { } deemed ? LegalDeadline.Add(deemed, Period.Months(months), state) : null;

    /// <summary>The same notice, retrieved from the portal on <paramref name="day"/> (the first retrieval counts; later ones change nothing).</summary>
    public Notification Retrieved(DateOnly day) =>
        Path != NotificationPath.PortalRetrieval || RetrievedOn is not null || day < SentOn ? this : this with { RetrievedOn = day };
}
