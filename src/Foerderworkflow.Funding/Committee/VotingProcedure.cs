namespace Foerderworkflow.Funding.Committee;

public enum VotingProcedure
{
    /// <summary>A vote in a committee session.</summary>
    Session = 1,

    /// <summary>Umlaufverfahren: a vote in writing with a closing date.</summary>
    WrittenProcedure,
}
