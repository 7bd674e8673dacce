using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Tests.Committee;

public sealed class WrittenProcedureTests
{
    private static readonly CommitteeRoster Roster = new([.. Enumerable.Range(1, 5).Select(i => new CommitteeMember($"m{i}", $"Mitglied {i}", new CommitteeDeputy($"d{i}", $"Vertretung {i}")))]);
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset ClosingAt = Opened.AddDays(14);

    private static WrittenProcedureVote Vote(params (string Voter, VoteChoice Choice, int Day)[] ballots) => new()
    {
        ApplicationId = "AIF-2026-0043",
        Roster = Roster,
        Motion = Motion.Recommend(),
        ClosingAt = ClosingAt,
        Ballots = [.. ballots.Select(b => new Ballot(b.Voter, b.Choice) { CastAt = Opened.AddDays(b.Day) })],
    };

    [Fact]
    public void WrittenProcedure_MajorityByClosingDate_Recommends()
    {
        var resolution = VoteTally.WrittenProcedure(Vote(("m1", VoteChoice.For, 1), ("m2", VoteChoice.For, 2), ("m3", VoteChoice.Against, 3)), CommitteeRules.Default, ClosingAt);

        Assert.Equal(ResolutionOutcome.Recommend, resolution.Outcome);
        Assert.Equal(VotingProcedure.WrittenProcedure, resolution.Procedure);
        Assert.Equal(3, resolution.Participants.Count);
    }

    [Fact]
    public void WrittenProcedure_AnyObjection_DefersToNextSession()
    {
        var vote = Vote(("m1", VoteChoice.For, 1), ("m2", VoteChoice.For, 2), ("m3", VoteChoice.For, 3), ("m4", VoteChoice.For, 3)) with
        {
            Objections = [new Objection("m5", Opened.AddDays(4), "Bitte in der Sitzung beraten.")],
        };

        var resolution = VoteTally.WrittenProcedure(vote, CommitteeRules.Default, ClosingAt);

        Assert.Equal(ResolutionOutcome.Defer, resolution.Outcome);
        Assert.Equal(DeferralReason.Objection, resolution.DeferralReason);
        Assert.Equal("m5", Assert.Single(resolution.Objections).PersonId);
        Assert.Contains("Widerspruch gegen das Umlaufverfahren", resolution.ToMinutesText(), StringComparison.Ordinal);
    }

    [Fact]
    public void WrittenProcedure_ObjectionBeforeTheClosingDate_EndsItAtOnce()
    {
        var vote = Vote(("m1", VoteChoice.For, 1)) with { Objections = [new Objection("m2", Opened.AddDays(2))] };

        var resolution = VoteTally.WrittenProcedure(vote, CommitteeRules.Default, Opened.AddDays(2));

        Assert.Equal((ResolutionOutcome.Defer, DeferralReason.Objection), (resolution.Outcome, resolution.DeferralReason));
    }

    [Fact]
    public void WrittenProcedure_TooFewResponses_DefersForNoQuorum()
    {
        var resolution = VoteTally.WrittenProcedure(Vote(("m1", VoteChoice.For, 1), ("m2", VoteChoice.For, 2)), CommitteeRules.Default, ClosingAt);

        Assert.Equal(DeferralReason.NoQuorum, resolution.DeferralReason);
    }

    [Fact]
    public void WrittenProcedure_BallotAfterClosingDate_IsIgnored()
    {
        var resolution = VoteTally.WrittenProcedure(Vote(("m1", VoteChoice.For, 1), ("m2", VoteChoice.For, 2), ("m3", VoteChoice.Against, 15)), CommitteeRules.Default, ClosingAt.AddDays(1));

        Assert.Equal(DeferralReason.NoQuorum, resolution.DeferralReason);
        Assert.Equal(2, resolution.VotesFor + resolution.VotesAgainst);
    }

    [Fact]
    public void WrittenProcedure_DeputyOfSilentMember_Counts_DeputyOfVotingMember_DoesNot()
    {
        var resolution = VoteTally.WrittenProcedure(Vote(("m1", VoteChoice.For, 1), ("d1", VoteChoice.Against, 1), ("d2", VoteChoice.Against, 2), ("m3", VoteChoice.For, 3)), CommitteeRules.Default, ClosingAt);

        Assert.Equal([new Participant("m1", "m1", false), new Participant("d2", "m2", true), new Participant("m3", "m3", false)], resolution.Participants);
        Assert.Equal((2, 1), (resolution.VotesFor, resolution.VotesAgainst));
    }

    [Fact]
    public void WrittenProcedure_ClosedEarlyWithSeatsOpen_IsRefused()
    {
        var exception = Assert.Throws<FundingRuleViolationException>(() =>
            VoteTally.WrittenProcedure(Vote(("m1", VoteChoice.For, 1), ("m2", VoteChoice.For, 2), ("m3", VoteChoice.For, 3)), CommitteeRules.Default, Opened.AddDays(5)));

        Assert.Equal("closingAt", Assert.Single(exception.Errors).Field);
    }

    [Fact]
    public void WrittenProcedure_EverySeatAnsweredEarly_ClosesBeforeDate()
    {
        var vote = Vote(("m1", VoteChoice.For, 1), ("m2", VoteChoice.For, 1), ("m3", VoteChoice.Against, 1), ("m4", VoteChoice.For, 1)) with
        {
            Conflicts = [new ConflictOfInterest("m5", "Kassenwart des Trägers", DeclaredBy: "m5")],
        };

        var resolution = VoteTally.WrittenProcedure(vote, CommitteeRules.Default, Opened.AddDays(2));

        Assert.Equal(ResolutionOutcome.Recommend, resolution.Outcome);
        Assert.Single(resolution.Recusals);
    }

    [Fact]
    public void WrittenProcedure_Tie_Rejects() =>
        Assert.Equal(ResolutionOutcome.Reject, VoteTally.WrittenProcedure(Vote(("m1", VoteChoice.For, 1), ("m2", VoteChoice.Against, 1), ("m3", VoteChoice.Abstain, 1)), CommitteeRules.Default, ClosingAt).Outcome);
}
