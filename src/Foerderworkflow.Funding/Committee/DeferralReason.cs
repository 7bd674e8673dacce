namespace Foerderworkflow.Funding.Committee;

public enum DeferralReason
{
    /// <summary>Too few voting members took part.</summary>
    NoQuorum = 1,

    /// <summary>A member objected to the written procedure.</summary>
    Objection,
}
