namespace Foerderworkflow.BrowserTests;

/// <summary>One axe-core rule a page breaks: its id, impact (minor … critical), help text and the elements concerned.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<(string Target, string Summary)> Nodes);
