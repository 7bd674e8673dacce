namespace Foerderworkflow.Funding.Funds;

/// <summary>
/// The 16 German federal states by their official two-letter code; a fund's state decides the public holidays of
/// its deadlines. Members and values mirror the deadline computation's enum so the two can be unified.
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

    /// <summary>Nordrhein-Westfalen.</summary>
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
