namespace Foerderworkflow.Notifications.Templates;

/// <summary>A value a template reads from <c>SendEmail.Values</c>.</summary>
internal sealed record TemplateField(string Name, FieldKind Kind, bool Required = true);
