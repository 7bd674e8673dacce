namespace Foerderworkflow.Funding.Committee;

/// <summary>A voting member of the committee (or youth forum) — one seat, one vote — with an optional named deputy.</summary>
public sealed record CommitteeMember(string Id, string Name, CommitteeDeputy? Deputy = null);
