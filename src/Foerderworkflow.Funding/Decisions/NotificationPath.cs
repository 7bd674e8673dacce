namespace Foerderworkflow.Funding.Decisions;

/// <summary>How a Bescheid is made known to the applicant (Bekanntgabe, § 41 VwVfG); it decides when the appeal period starts.</summary>
public enum NotificationPath
{
    /// <summary>By post: deemed notified on the fourth day after posting (§ 41 (2) VwVfG).</summary>
    Post = 1,

    /// <summary>As an electronic document with the applicant's consent (§ 3a VwVfG), here the e-mail with the PDF: likewise the fourth day (§ 41 (2)).</summary>
    Electronic,

    /// <summary>
    /// Retrieval from the portal with consent (§ 41 (2a) VwVfG): deemed notified on the day after the retrieval; not
    /// retrieved within ten days after it was made available, the office is told and must notify another way.
    /// </summary>
    PortalRetrieval,
}
