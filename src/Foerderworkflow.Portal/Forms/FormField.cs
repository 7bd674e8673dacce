namespace Foerderworkflow.Portal.Forms;

/// <summary>How a field is entered and how its text becomes the JSON value the application services read.</summary>
public enum FieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>Several lines (reason, report, note).</summary>
    MultiLine,

    /// <summary>Several entries, one per line (conditions, reasons): a JSON array of strings.</summary>
    Lines,

    /// <summary>An amount in euros as Germans write it ("1.250,50").</summary>
    Money,

    /// <summary>A percentage as a number ("5,5").</summary>
    Number,

    /// <summary>A day (the browser's date field sends ISO 8601).</summary>
    Date,

    /// <summary>A day and time in German local time (Europe/Berlin).</summary>
    DateTime,

    /// <summary>One of a few values, as radio buttons.</summary>
    Choice,

    /// <summary>Several of a few values, as checkboxes: a JSON array of strings.</summary>
    Checkboxes,

    /// <summary>
    /// A cost and financing plan: cost lines (description and amount) with own and third-party funds, as the object
    /// <c>{ lines: [...], ownFunds, thirdPartyFunds }</c>; shown with live sums.
    /// </summary>
    CostPlan,

    /// <summary>The amounts of the approved cost lines after a change: the array <c>[{ description, amount }]</c>.</summary>
    CostLines,
}

/// <summary>One value of a choice: what is sent and what the person reads.</summary>
public sealed record ChoiceOption(string Value, string Label);

/// <summary>
/// One field of a form. <see cref="Name"/> is the JSON property the application services read (and name in their
/// errors), so an error about <c>amount</c> lands at the amount field.
/// </summary>
public sealed record FormField(string Name, string Label, FieldKind Kind, bool Required = false, string? Hint = null)
{
    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];

    public string Id => FieldId.Of(Name);
}
