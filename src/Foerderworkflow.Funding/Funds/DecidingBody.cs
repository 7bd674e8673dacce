namespace Foerderworkflow.Funding.Funds;

/// <summary>Who votes on the applications of a fund (the office decides bindingly afterwards).</summary>
public enum DecidingBody
{
    /// <summary>Begleitausschuss / Bündnis.</summary>
    Committee = 1,

    /// <summary>Jugendforum (young people 12–27).</summary>
    YouthForum,
}
