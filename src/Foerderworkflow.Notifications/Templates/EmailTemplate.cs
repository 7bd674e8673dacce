namespace Foerderworkflow.Notifications.Templates;

/// <summary>A German e-mail: subject and body blocks with <c>{Field}</c> placeholders, and the fields they need.</summary>
internal sealed record EmailTemplate(string Name, string Subject, IReadOnlyList<TemplateBlock> Blocks, IReadOnlyList<TemplateField> Fields);
