namespace Foerderworkflow.Funding.Deadlines;

/// <summary>
/// The 16 German federal states (Länder), named by their official two-letter codes (ISO 3166-2:DE without the "DE-").
/// Public holidays, and therefore the end of a legal deadline (§ 193 BGB), depend on the state.
/// </summary>
public enum FederalState
{
    /// <summary>Baden-Württemberg.</summary>
    BW = 1,

    /// <summary>Bayern.</summary>
    BY,

    /// <summary>Berlin.</summary>
    BE,

    /// <summary>Brandenburg.</summary>
    BB,

    /// <summary>Bremen.</summary>
    HB,

    /// <summary>Hamburg.</summary>
    HH,

    /// <summary>Hessen.</summary>
    HE,

    /// <summary>Mecklenburg-Vorpommern.</summary>
    MV,

    /// <summary>Niedersachsen.</summary>
    NI,

    /// <summary>Nordrhein-Westfalen (the default place of performance in this domain).</summary>
    NW,

    /// <summary>Rheinland-Pfalz.</summary>
    RP,

    /// <summary>Saarland.</summary>
    SL,

    /// <summary>Sachsen.</summary>
    SN,

    /// <summary>Sachsen-Anhalt.</summary>
    ST,

    /// <summary>Schleswig-Holstein.</summary>
    SH,

    /// <summary>Thüringen.</summary>
    TH,
}
