namespace Foerderworkflow.Funding.Documents;

/// <summary>The documents a case issues; each kind has its number code (<see cref="DocumentNumbers"/>).</summary>
public enum DocumentKind
{
    /// <summary>Zuwendungsbescheid: the approval, an administrative act.</summary>
    GrantDecision = 1,

    /// <summary>Ablehnungsbescheid: the rejection with its reasons.</summary>
    RejectionDecision,

    /// <summary>Änderungsbescheid: an approved change of the funded project.</summary>
    AmendmentDecision,

    /// <summary>Rückforderungs- und Zinsbescheid (§§ 49, 49a VwVfG).</summary>
    ReclaimDecision,
}
