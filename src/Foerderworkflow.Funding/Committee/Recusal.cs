namespace Foerderworkflow.Funding.Committee;

/// <summary>A person excluded from vote and quorum on one application, as recorded in the minutes.</summary>
public sealed record Recusal(string PersonId, string SeatMemberId, string Reason, string DeclaredBy);
