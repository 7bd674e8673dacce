namespace Foerderworkflow.Casework;

/// <summary>Marks a request text that may span lines (description, report, reason, comment): it keeps tab and line breaks.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineTextAttribute : Attribute;
