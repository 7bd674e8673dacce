namespace Foerderworkflow.Notifications.Templates;

internal enum BlockKind
{
    /// <summary>A paragraph with <c>{Field}</c> placeholders; left out when it names an optional field that has no value.</summary>
    Paragraph,

    /// <summary>An introductory sentence and the items of a <see cref="FieldKind.List"/> field; left out when the field is absent and optional.</summary>
    List,

    /// <summary>The appeal information (Rechtsbehelfsbelehrung) from the settings, under a heading.</summary>
    AppealInformation,
}
