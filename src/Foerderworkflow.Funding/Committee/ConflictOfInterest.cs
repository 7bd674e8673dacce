namespace Foerderworkflow.Funding.Committee;

/// <summary>
/// A declared conflict of interest (Befangenheit) of one person on one application: declared by the person or by the
/// chair. The person neither votes nor counts for the quorum on that application; the minutes record it.
/// </summary>
public sealed record ConflictOfInterest(string PersonId, string Reason, string DeclaredBy);
