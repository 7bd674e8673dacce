namespace Foerderworkflow.Engine.Definitions;

/// <summary>Which version of a definition a caller means (Elsa's <c>versionOptions</c>).</summary>
public enum VersionSelector
{
    Latest,
    Published,
}
