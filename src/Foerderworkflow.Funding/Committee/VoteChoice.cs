namespace Foerderworkflow.Funding.Committee;

public enum VoteChoice
{
    For = 1,
    Against,
    Abstain,
}
