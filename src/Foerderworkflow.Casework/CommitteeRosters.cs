using Foerderworkflow.Funding.Committee;

namespace Foerderworkflow.Casework;

/// <summary>
/// The voting members of each deciding body (<c>Funding:Committees:{body}</c>, body as the routing names it:
/// <c>Begleitausschuss</c>, <c>Jugendforum</c>); a member's <c>id</c> is the token subject they sign in with.
/// A body without a configured roster has no members: nobody can vote in it, and the KuF records the chair's result.
/// Each body has its own people (the youth forum is not the Begleitausschuss); the demo rosters live in
/// <c>appsettings.Development.json</c>.
/// </summary>
public sealed class CommitteeRosters
{
    private readonly Dictionary<string, CommitteeRoster> rosters = new(StringComparer.Ordinal);

    public CommitteeRosters(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var body in configuration.GetSection("Funding:Committees").GetChildren())
        {
            var members = body.GetChildren()
                .Select(m => new CommitteeMember(
                    m["Id"] ?? "",
                    m["Name"] ?? m["Id"] ?? "",
                    m["Deputy:Id"] is { Length: > 0 } deputy ? new CommitteeDeputy(deputy, m["Deputy:Name"] ?? deputy) : null))
                .ToList();
            var roster = new CommitteeRoster(members);
            if (roster.Validate() is [var error, ..])
            {
                throw new InvalidOperationException($"Funding:Committees:{body.Key}: {error.Field}: {error.Message}");
            }

            rosters[body.Key] = roster;
        }
    }

    public CommitteeRoster For(string body) => rosters.GetValueOrDefault(body) ?? new CommitteeRoster([]);

    /// <summary>Whether <paramref name="subject"/> holds a seat of <paramref name="body"/> or deputises for one.</summary>
    public bool IsMember(string body, string subject) =>
        For(body).Members.Any(m => m.Id == subject || m.Deputy?.Id == subject);
}
