namespace Foerderworkflow.Funding.Committee;

/// <summary>A person who took part for a seat (the member, or the deputy of an absent member).</summary>
public sealed record Participant(string PersonId, string SeatMemberId, bool AsDeputy);
