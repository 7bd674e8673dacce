using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Committee;

/// <summary>
/// Configurable voting rules. Default quorum: more than half of the voting members take part. Majority is always a
/// simple majority of the votes cast (abstentions are not votes cast) and a tie rejects.
/// </summary>
public sealed record CommitteeRules
{
    public static CommitteeRules Default { get; } = new();

    /// <summary>Share of the base that must take part, 0.5 = half.</summary>
    public decimal QuorumShare { get; init; } = 0.5m;

    /// <summary>True: more than <see cref="QuorumShare"/> must take part; false: at least that share.</summary>
    public bool QuorumShareMustBeExceeded { get; init; } = true;

    public QuorumBase QuorumBase { get; init; } = QuorumBase.AllSeats;

    /// <summary>The least number of participants for a valid resolution out of <paramref name="baseCount"/>.</summary>
    public int RequiredForQuorum(int baseCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseCount);
        var share = baseCount * QuorumShare;
        var required = QuorumShareMustBeExceeded ? (int)Math.Floor(share) + 1 : (int)Math.Ceiling(share);
        return Math.Max(required, 1);
    }

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (QuorumShare is <= 0m or > 1m || (QuorumShare == 1m && QuorumShareMustBeExceeded))
        {
            errors.Add(new ValidationError("quorumShare", "Der Anteil für die Beschlussfähigkeit muss über 0 % und höchstens 100 % betragen."));
        }

        if (!Enum.IsDefined(QuorumBase))
        {
            errors.Add(new ValidationError("quorumBase", "Unbekannte Grundlage für die Beschlussfähigkeit."));
        }

        return errors;
    }
}
