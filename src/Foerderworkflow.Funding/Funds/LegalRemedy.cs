namespace Foerderworkflow.Funding.Funds;

/// <summary>
/// What the Rechtsbehelfsbelehrung of the fund's decisions says (§ 58 (1) VwGO): the remedy, the body it is lodged
/// with and its seat, the period and the forms. A missing or wrong Belehrung makes the period one year (§ 58 (2) VwGO),
/// so it is per fund, not a default of the software.
/// </summary>
/// <param name="Kind">Klage (NRW) or Widerspruch.</param>
/// <param name="Body">Where the remedy is lodged: the administrative court for a Klage, the issuing authority (or the one it names) for a Widerspruch, e.g. "Verwaltungsgericht Gelsenkirchen".</param>
/// <param name="BodyAddress">The body's seat with its address, e.g. "Bahnhofsvorplatz 3, 45879 Gelsenkirchen".</param>
/// <param name="PeriodMonths">The period after notification in months (§ 70, § 74 VwGO: one month).</param>
/// <param name="ElectronicForms">
/// The electronic forms allowed, as a clause that completes "… kann auch {ElectronicForms} erhoben werden", e.g. "als
/// elektronisches Dokument nach Maßgabe des § 55a VwGO und der ERVV"; null: none is named.
/// </param>
public sealed record LegalRemedy(RemedyKind Kind, string Body, string BodyAddress, int PeriodMonths = 1, string? ElectronicForms = null)
{
    /// <summary>The Belehrung of the Herten, Herne and Dorsten funds: Klage at the Verwaltungsgericht Gelsenkirchen.</summary>
    public static LegalRemedy GelsenkirchenAdministrativeCourt { get; } = new(
        RemedyKind.Action,
        "Verwaltungsgericht Gelsenkirchen",
        "Bahnhofsvorplatz 3, 45879 Gelsenkirchen",
        1,
        "als elektronisches Dokument nach Maßgabe des § 55a der Verwaltungsgerichtsordnung (VwGO) und der Elektronischer-Rechtsverkehr-Verordnung (ERVV)");
}
