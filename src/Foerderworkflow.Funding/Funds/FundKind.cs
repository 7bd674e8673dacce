namespace Foerderworkflow.Funding.Funds;

/// <summary>What kind of fund a partnership runs.</summary>
public enum FundKind
{
    /// <summary>Aktions- und Initiativfonds: micro-projects of local initiatives.</summary>
    ActionFund = 1,

    /// <summary>Jugendfonds: projects decided on by young people.</summary>
    YouthFund,
}
