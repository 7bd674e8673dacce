using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Documents;

/// <summary>
/// The text of the Rechtsbehelfsbelehrung, built once from the fund's <see cref="LegalRemedy"/> and authority: the
/// e-mail and the Bescheid carry the same words (issue 16), so they cannot contradict each other.
/// </summary>
public static class RemedyNotice
{
    /// <summary>
    /// The Belehrung used when a case carries no remedy of its fund (instances started before funds had one): the NRW
    /// rule (§ 110 JustG NRW, Klage), without naming a court it cannot know.
    /// </summary>
    public const string WithoutFundRemedy =
        "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage bei dem Verwaltungsgericht erhoben werden, in dessen Bezirk die Stelle, " +
        "die den Bescheid erlassen hat, ihren Sitz hat. Die Klage ist schriftlich oder zur Niederschrift der Urkundsbeamtin oder des Urkundsbeamten der " +
        "Geschäftsstelle zu erheben; ein Vorverfahren (Widerspruch) findet nach § 110 des Justizgesetzes Nordrhein-Westfalen nicht statt.";

    /// <summary>
    /// The Belehrung for a decision of <paramref name="authority"/> under <paramref name="remedy"/>; in North
    /// Rhine-Westphalia a Klage also says why there is no Widerspruch.
    /// </summary>
    public static string Text(LegalRemedy? remedy, IssuingAuthority? authority, FederalState state)
    {
        if (remedy is null)
        {
            return WithoutFundRemedy;
        }

        var period = remedy.PeriodMonths == 1 ? "eines Monats" : $"von {remedy.PeriodMonths} Monaten";
        var place = $"{remedy.Body}, {remedy.BodyAddress}";
        return remedy.Kind switch
        {
            RemedyKind.Objection =>
                $"Gegen diesen Bescheid kann innerhalb {period} nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift " +
                $"einzulegen bei: {place}." +
                (remedy.ElectronicForms is { } objectionForms ? $" Der Widerspruch kann auch {objectionForms} erhoben werden." : string.Empty),
            _ =>
                $"Gegen diesen Bescheid kann innerhalb {period} nach Bekanntgabe Klage bei dem {place}, erhoben werden. Die Klage ist schriftlich oder zur " +
                "Niederschrift der Urkundsbeamtin oder des Urkundsbeamten der Geschäftsstelle zu erheben. Sie muss die Klägerin oder den Kläger, die Beklagte " +
                $"({authority?.Name ?? "die Stelle, die den Bescheid erlassen hat"}) und den Gegenstand des Klagebegehrens bezeichnen." +
                (remedy.ElectronicForms is { } actionForms ? $" Die Klage kann auch {actionForms} erhoben werden." : string.Empty) +
                (state == FederalState.NW ? " Ein Vorverfahren (Widerspruch) findet nach § 110 des Justizgesetzes Nordrhein-Westfalen nicht statt." : string.Empty),
        };
    }
}
