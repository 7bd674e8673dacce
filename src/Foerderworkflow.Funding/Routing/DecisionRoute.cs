namespace Foerderworkflow.Funding.Routing;

/// <summary>Who votes on an application before the office decides.</summary>
public enum DecisionRoute
{
    /// <summary>The committee, in a session or by written procedure (the KuF chooses).</summary>
    Committee = 1,

    /// <summary>The youth forum (youth fund).</summary>
    YouthForum,

    /// <summary>Small projects: the office decides with the KuF, without a vote.</summary>
    OfficeAndCoordinationOffice,
}
