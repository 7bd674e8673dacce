namespace Foerderworkflow.Server.Studio;

/// <summary>
/// The fixed catalogues Studio loads with every editor (§5.3–5.5, 5.10 of ELSA-STUDIO-API.md). They state what the
/// engine supports: Literal and JavaScript expressions only, no activation, incident, log or commit strategies to
/// choose from, variables kept in the instance state.
/// </summary>
internal static class StudioCatalogues
{
    public static readonly object[] ExpressionDescriptors =
    [
        new { type = "Literal", displayName = "Literal", isSerializable = true, isBrowsable = true, properties = new Dictionary<string, string>() },
        new { type = "JavaScript", displayName = "JavaScript", isSerializable = true, isBrowsable = true, properties = new Dictionary<string, string> { ["MonacoLanguage"] = "javascript" } },
    ];

    public static readonly object[] VariableTypes =
    [
        VariableType("Object", "Beliebiger Wert (JSON)."),
        VariableType("String", "Text."),
        VariableType("Boolean", "Wahr oder falsch."),
        VariableType("Int32", "Ganze Zahl."),
        VariableType("Int64", "Große ganze Zahl."),
        VariableType("Decimal", "Dezimalzahl, z. B. Beträge."),
        VariableType("Double", "Gleitkommazahl."),
        VariableType("DateTime", "Datum und Uhrzeit (ISO 8601)."),
    ];

    /// <summary>Variables live in the instance state, stored with every burst; there is no other driver.</summary>
    public static readonly object[] StorageDrivers =
    [
        new { typeName = "Foerderworkflow.InstanceState", displayName = "Ablaufinstanz", priority = 0, deprecated = false },
    ];

    /// <summary>The type declarations Monaco uses for IntelliSense: what <c>JavaScriptEvaluator</c> gives a script.</summary>
    public static string JavaScriptTypeDefinitions(IEnumerable<string> variableNames)
    {
        var members = string.Join(" ", variableNames.Distinct(StringComparer.Ordinal).Select(n => $"{System.Text.Json.JsonSerializer.Serialize(n)}: any;"));
        return $$"""
            /** Die Variablen des Ablaufs. */
            declare const variables: { {{members}} [name: string]: any };
            /** Die Eingabe, mit der der Ablauf gestartet wurde. */
            declare const input: any;
            /** Das Ergebnis der zuletzt fortgesetzten Aktivität. */
            declare const lastResult: any;
            /** Die Korrelations-ID des Ablaufs (z. B. das Aktenzeichen). */
            declare const correlationId: string | null;
            /** Liest eine Variable des Ablaufs. */
            declare function getVariable(name: string): any;
            /** Setzt eine Variable des Ablaufs (anders als eine Zuweisung an variables.x, die nur im Skript gilt). */
            declare function setVariable(name: string, value: any): void;
            /** Liest ein Feld der Eingabe, mit der der Ablauf gestartet wurde. */
            declare function getInput(name: string): any;
            /** Das Ergebnis der zuletzt fortgesetzten Aktivität. */
            declare function getLastResult(): any;
            /** Die Korrelations-ID des Ablaufs (z. B. das Aktenzeichen). */
            declare function getCorrelationId(): string | null;

            """;
    }

    private static object VariableType(string typeName, string description) =>
        new { typeName, displayName = typeName, category = "Primitives", description };
}
