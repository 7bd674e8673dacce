namespace Foerderworkflow.Funding.Committee;

/// <summary>The named deputy of one committee member; votes only when the member is absent.</summary>
public sealed record CommitteeDeputy(string Id, string Name);
