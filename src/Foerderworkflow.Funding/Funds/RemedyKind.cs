namespace Foerderworkflow.Funding.Funds;

/// <summary>Which legal remedy lies against the fund's decisions; it depends on the federal state.</summary>
public enum RemedyKind
{
    /// <summary>Klage at the administrative court: North Rhine-Westphalia abolished the objection for most areas (§ 110 JustG NRW).</summary>
    Action = 1,

    /// <summary>Widerspruch at the issuing authority (§§ 68–70 VwGO), where the state keeps the objection procedure.</summary>
    Objection,
}
