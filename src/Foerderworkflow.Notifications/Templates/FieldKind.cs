namespace Foerderworkflow.Notifications.Templates;

/// <summary>How a template value, sent as text in <c>SendEmail.Values</c>, is read and formatted.</summary>
internal enum FieldKind
{
    /// <summary>As it is.</summary>
    Text,

    /// <summary>ISO 8601 date (<c>2026-03-15</c>) or date and time with offset (shown as the date in Germany): <c>15.03.2026</c>.</summary>
    Date,

    /// <summary>ISO 8601 date and time with offset: <c>12.03.2027, 18:00 Uhr</c> in German local time (a date alone: the day).</summary>
    Moment,

    /// <summary>Invariant decimal in euros (<c>1234.56</c>): <c>1.234,56 €</c>.</summary>
    Money,

    /// <summary>One item per line: a bulleted list.</summary>
    List,
}
