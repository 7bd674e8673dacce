using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Documents;

/// <summary>
/// The standard passages of the Bescheide, by key, with <c>{Platzhalter}</c> the document fills in. A fund may replace
/// any passage with its own wording (<see cref="Funds.Fund.DocumentTexts"/>, stored with the fund's settings); a key it
/// does not give keeps the default below. The defaults follow the ANBest-P and the VwVfG; docs/architecture.md
/// ("Documents") lists the keys and placeholders for administrators.
/// </summary>
public static partial class DocumentTexts
{
    public const string GrantTenor = "zuwendungsbescheid.tenor";
    public const string GrantFinancing = "zuwendungsbescheid.finanzierungsart";
    public const string GrantCollateral = "zuwendungsbescheid.nebenbestimmungen";
    public const string GrantPayout = "zuwendungsbescheid.auszahlung";
    public const string GrantProofOfUse = "zuwendungsbescheid.verwendungsnachweis";
    public const string GrantReclaim = "zuwendungsbescheid.erstattung";
    public const string RejectionTenor = "ablehnungsbescheid.tenor";
    public const string RejectionReasons = "ablehnungsbescheid.begruendung";
    public const string AmendmentTenor = "aenderungsbescheid.tenor";
    public const string ReclaimTenor = "rueckforderungsbescheid.tenor";
    public const string ReclaimInterest = "rueckforderungsbescheid.zinsen";
    public const string Closing = "schluss";

    public const int MaxLength = 4_000;

    /// <summary>The repository's wording; the placeholders each passage may use are those named in it.</summary>
    public static FrozenDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GrantTenor] =
            "Auf Ihren Antrag bewillige ich Ihnen für das Projekt „{Projekttitel}“ aus Mitteln des {Foerderprogramm} für das Haushaltsjahr {Haushaltsjahr} " +
            "eine Zuwendung in Höhe von {Betrag}.",
        [GrantFinancing] =
            "Die Zuwendung wird als Projektförderung im Wege der Fehlbedarfsfinanzierung als nicht rückzahlbarer Zuschuss gewährt. Verringern sich nach der " +
            "Bewilligung die zuwendungsfähigen Ausgaben oder erhöhen sich die Deckungsmittel, ermäßigt sich die Zuwendung um den vollen Betrag (Nr. 2.1 ANBest-P).",
        [GrantCollateral] =
            "Die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P) sind Bestandteil dieses Bescheids. Mit dem Projekt darf vor " +
            "der Bewilligung nicht begonnen worden sein; Abweichungen von einzelnen Ausgabepositionen des Finanzierungsplans um mehr als 20 % bedürfen der " +
            "vorherigen Zustimmung (Nr. 1.2 ANBest-P).",
        [GrantPayout] =
            "Die Zuwendung darf nur insoweit und nicht eher angefordert werden, als sie innerhalb von sechs Wochen nach der Auszahlung für fällige Zahlungen " +
            "benötigt wird (Nr. 1.4 ANBest-P). Ausgezahlt wird, sobald dieser Bescheid bestandskräftig ist; Sie können auf einen Rechtsbehelf verzichten, " +
            "dann wird er sofort bestandskräftig.",
        [GrantProofOfUse] =
            "Die Verwendung der Zuwendung ist bis zum {VerwendungsnachweisBis} mit einem Sachbericht und einem zahlenmäßigen Nachweis nachzuweisen (Nr. 6 ANBest-P).",
        [GrantReclaim] =
            "Dieser Bescheid kann nach den §§ 48, 49 VwVfG zurückgenommen oder widerrufen werden, insbesondere wenn die Zuwendung nicht oder nicht mehr " +
            "ihrem Zweck entsprechend verwendet wird; die Zuwendung ist dann zu erstatten (§ 49a Abs. 1 VwVfG). Der Erstattungsbetrag ist vom Eintritt der " +
            "Unwirksamkeit an mit fünf Prozentpunkten über dem Basiszinssatz jährlich zu verzinsen (§ 49a Abs. 3 VwVfG, Nr. 8 ANBest-P).",
        [RejectionTenor] =
            "Ihren Antrag auf eine Zuwendung für das Projekt „{Projekttitel}“ aus Mitteln des {Foerderprogramm} für das Haushaltsjahr {Haushaltsjahr} lehne ich ab.",
        [RejectionReasons] = "Die Entscheidung beruht auf folgenden Gründen:",
        [AmendmentTenor] =
            "Mein Zuwendungsbescheid {Bezugsbescheid} zu Ihrem Projekt „{Projekttitel}“ wird auf Ihren Änderungsantrag wie folgt geändert. Im Übrigen " +
            "bleibt er unverändert wirksam.",
        [ReclaimTenor] =
            "Mein Zuwendungsbescheid {Bezugsbescheid} zu Ihrem Projekt „{Projekttitel}“ wird nach § 49 Abs. 3 VwVfG in Höhe von {Betrag} mit Wirkung für die " +
            "Vergangenheit widerrufen. Der Betrag von {Betrag} ist bis zum {Faelligkeit} zu erstatten (§ 49a Abs. 1 VwVfG).",
        [ReclaimInterest] =
            "Der Erstattungsbetrag ist nach § 49a Abs. 3 VwVfG ab dem {ZinsenAb} mit fünf Prozentpunkten über dem Basiszinssatz jährlich zu verzinsen. Die " +
            "Zinsen bis zum Fälligkeitstag berechnen sich wie folgt; zahlen Sie später, laufen sie bis zum Tag vor dem Zahlungseingang weiter.",
        [Closing] = "Bei Fragen wenden Sie sich bitte unter Angabe des Aktenzeichens an uns.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The passage <paramref name="key"/> in the fund's wording or the default, with the placeholders filled in.</summary>
    public static string Fill(string key, IReadOnlyDictionary<string, string>? overrides, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var pattern = overrides is not null && overrides.TryGetValue(key, out var own) ? own : Defaults[key];

        // A placeholder without a value stays visible rather than vanishing: a wrong template must show in the document's proof-reading.
        return Placeholder().Replace(pattern, match => values.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);
    }

    /// <summary>The fund's wording checked: known keys, length, printable characters.</summary>
    public static IReadOnlyList<ValidationError> Validate(IReadOnlyDictionary<string, string>? texts, string field)
    {
        var errors = new ErrorCollector();
        foreach (var (key, text) in texts ?? FrozenDictionary<string, string>.Empty)
        {
            if (!Defaults.ContainsKey(key))
            {
                errors.Add($"{field}.{key}", $"Unbekannter Textbaustein „{key}“; erlaubt sind: {string.Join(", ", Defaults.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }

            errors.Text($"{field}.{key}", text, MaxLength, $"Der Textbaustein „{key}“", multiLine: true);
        }

        return errors.Errors;
    }

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
