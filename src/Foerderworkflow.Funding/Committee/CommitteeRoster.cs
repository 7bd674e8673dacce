using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Committee;

/// <summary>The voting members of a body at the time of a vote, each with their deputy.</summary>
public sealed record CommitteeRoster(IReadOnlyList<CommitteeMember> Members)
{
    public int Seats => Members.Count;

    /// <summary>Every person (member or deputy) must be named once; a deputy stands in for one member only.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new ErrorCollector();
        if (Members.Count == 0)
        {
            errors.Add("members", "Das Gremium braucht mindestens ein stimmberechtigtes Mitglied.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Members.Count; i++)
        {
            var member = Members[i];
            if (errors.Text($"members[{i}].id", member.Id, 100, "Die Kennung des Mitglieds") && !seen.Add(member.Id))
            {
                errors.Add($"members[{i}].id", $"Die Person '{member.Id}' ist mehrfach im Gremium genannt.");
            }

            errors.Text($"members[{i}].name", member.Name, 150, "Der Name des Mitglieds");
            if (member.Deputy is { } deputy
                && errors.Text($"members[{i}].deputy.id", deputy.Id, 100, "Die Kennung der Stellvertretung") && !seen.Add(deputy.Id))
            {
                errors.Add($"members[{i}].deputy.id", $"Die Person '{deputy.Id}' ist mehrfach im Gremium genannt.");
            }
        }

        return errors.Errors;
    }

    /// <summary>The seat a person holds or deputises for, or null if the person is not on the roster.</summary>
    internal (CommitteeMember Seat, bool AsDeputy)? Find(string personId)
    {
        foreach (var member in Members)
        {
            if (string.Equals(member.Id, personId, StringComparison.Ordinal))
            {
                return (member, false);
            }

            if (member.Deputy is { } deputy && string.Equals(deputy.Id, personId, StringComparison.Ordinal))
            {
                return (member, true);
            }
        }

        return null;
    }
}
