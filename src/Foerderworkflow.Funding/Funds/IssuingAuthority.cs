namespace Foerderworkflow.Funding.Funds;

/// <summary>
/// The authority that issues the fund's decisions (the city's federführendes Amt): it heads every Bescheid and signs it.
/// </summary>
/// <param name="Name">E.g. "Stadt Herten – Der Bürgermeister – Fachbereich Familie, Jugend und Soziales".</param>
/// <param name="Street">Street and number, e.g. "Kurt-Schumacher-Straße 2".</param>
/// <param name="PostalCodeAndCity">E.g. "45699 Herten".</param>
/// <param name="SigningOfficer">Who signs "Im Auftrag", e.g. "Erika Muster".</param>
public sealed record IssuingAuthority(string Name, string Street, string PostalCodeAndCity, string SigningOfficer)
{
    /// <summary>The seat as a Belehrung names it: "Stadt Herten, Kurt-Schumacher-Straße 2, 45699 Herten".</summary>
    public string WithAddress => $"{Name}, {Street}, {PostalCodeAndCity}";
}
