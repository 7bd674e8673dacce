using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Tests.Committee;

public sealed class VoteTallyTests
{
    // Seven seats m1..m7, each with a deputy d1..d7; quorum by default: more than half, i.e. 4.
    private static readonly CommitteeRoster Roster = new([.. Enumerable.Range(1, 7).Select(i => new CommitteeMember($"m{i}", $"Mitglied {i}", new CommitteeDeputy($"d{i}", $"Vertretung {i}")))]);

    private static SessionVote Session(IEnumerable<string> present, params (string Voter, VoteChoice Choice)[] ballots) => new()
    {
        ApplicationId = "AIF-2026-0042",
        Roster = Roster,
        Motion = Motion.Recommend(),
        Present = [.. present],
        Ballots = [.. ballots.Select(b => new Ballot(b.Voter, b.Choice))],
    };

    private static Resolution Tally(SessionVote vote) => VoteTally.Session(vote, CommitteeRules.Default);

    [Theory]
    [InlineData(7, 4)]
    [InlineData(8, 5)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public void RequiredForQuorum_MoreThanHalf_IsFloorPlusOne(int seats, int required) =>
        Assert.Equal(required, CommitteeRules.Default.RequiredForQuorum(seats));

    [Fact]
    public void RequiredForQuorum_AtLeastHalf_IsCeiling() =>
        Assert.Equal(4, new CommitteeRules { QuorumShareMustBeExceeded = false }.RequiredForQuorum(8));

    [Fact]
    public void Session_MajorityFor_Recommends()
    {
        var resolution = Tally(Session(["m1", "m2", "m3", "m4"], ("m1", VoteChoice.For), ("m2", VoteChoice.For), ("m3", VoteChoice.Against), ("m4", VoteChoice.Abstain)));

        Assert.Equal(ResolutionOutcome.Recommend, resolution.Outcome);
        Assert.True(resolution.Quorate);
        Assert.Equal((2, 1, 1), (resolution.VotesFor, resolution.VotesAgainst, resolution.Abstentions));
    }

    [Fact]
    public void Session_Tie_Rejects()
    {
        var resolution = Tally(Session(["m1", "m2", "m3", "m4"], ("m1", VoteChoice.For), ("m2", VoteChoice.For), ("m3", VoteChoice.Against), ("m4", VoteChoice.Against)));

        Assert.Equal(ResolutionOutcome.Reject, resolution.Outcome);
    }

    [Fact]
    public void Session_AllAbstain_Rejects() =>
        Assert.Equal(ResolutionOutcome.Reject, Tally(Session(["m1", "m2", "m3", "m4"], ("m1", VoteChoice.Abstain), ("m2", VoteChoice.Abstain))).Outcome);

    [Fact]
    public void Session_AbstentionsOutnumberVotes_SimpleMajorityOfVotesCastStillCarries()
    {
        var resolution = Tally(Session(["m1", "m2", "m3", "m4", "m5"], ("m1", VoteChoice.For), ("m2", VoteChoice.Abstain), ("m3", VoteChoice.Abstain), ("m4", VoteChoice.Abstain)));

        Assert.Equal(ResolutionOutcome.Recommend, resolution.Outcome);
    }

    [Fact]
    public void Session_ThreeOfSevenPresent_DefersForNoQuorum()
    {
        var resolution = Tally(Session(["m1", "m2", "m3"], ("m1", VoteChoice.For), ("m2", VoteChoice.For), ("m3", VoteChoice.For)));

        Assert.Equal(ResolutionOutcome.Defer, resolution.Outcome);
        Assert.Equal(DeferralReason.NoQuorum, resolution.DeferralReason);
        Assert.Equal(4, resolution.QuorumRequired);
        Assert.False(resolution.Quorate);
    }

    [Fact]
    public void Session_DeputyOfAbsentMember_VotesAndCountsForQuorum()
    {
        var resolution = Tally(Session(["m1", "m2", "m3", "d4"], ("m1", VoteChoice.For), ("d4", VoteChoice.For)));

        Assert.Equal(ResolutionOutcome.Recommend, resolution.Outcome);
        Assert.Contains(new Participant("d4", "m4", AsDeputy: true), resolution.Participants);
    }

    [Fact]
    public void Session_DeputyWhileMemberPresent_IsRefused()
    {
        var exception = Assert.Throws<FundingRuleViolationException>(() => Tally(Session(["m1", "d1", "m2", "m3", "m4"], ("m1", VoteChoice.For), ("d1", VoteChoice.For))));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("ballots[1].voterId", error.Field);
        Assert.Contains("nur abstimmen, wenn das Mitglied 'm1' abwesend ist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_SecondBallotOfOnePerson_IsRefused()
    {
        var exception = Assert.Throws<FundingRuleViolationException>(() => Tally(Session(["m1", "m2", "m3", "m4"], ("m1", VoteChoice.For), ("m1", VoteChoice.Against))));

        Assert.Equal("ballots[1].voterId", Assert.Single(exception.Errors).Field);
    }

    [Fact]
    public void Session_BallotOfAbsentOrUnknownPerson_IsRefused()
    {
        var exception = Assert.Throws<FundingRuleViolationException>(() => Tally(Session(["m1", "m2", "m3", "m4"], ("m5", VoteChoice.For), ("x9", VoteChoice.For))));

        Assert.Equal(["ballots[0].voterId", "ballots[1].voterId"], exception.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Session_ConflictOfInterest_ExcludesFromVoteAndQuorumAndIsRecorded()
    {
        // Four present, one of them recused: three take part, quorum 4 is missed.
        var vote = Session(["m1", "m2", "m3", "m4"], ("m1", VoteChoice.For), ("m2", VoteChoice.For), ("m3", VoteChoice.For)) with
        {
            Conflicts = [new ConflictOfInterest("m4", "Vorstand des antragstellenden Vereins", DeclaredBy: "m4")],
        };

        var resolution = Tally(vote);

        Assert.Equal(ResolutionOutcome.Defer, resolution.Outcome);
        Assert.Equal(DeferralReason.NoQuorum, resolution.DeferralReason);
        Assert.Equal(3, resolution.Participants.Count);
        Assert.Equal(new Recusal("m4", "m4", "Vorstand des antragstellenden Vereins", "m4"), Assert.Single(resolution.Recusals));
        Assert.Contains("Befangenheit: Mitglied 4 (Vorstand des antragstellenden Vereins, erklärt von Mitglied 4)", resolution.ToMinutesText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Session_RecusedMemberVotes_IsRefused()
    {
        var vote = Session(["m1", "m2", "m3", "m4", "m5"], ("m4", VoteChoice.For)) with { Conflicts = [new ConflictOfInterest("m4", "Ehepartnerin ist Projektleiterin", DeclaredBy: "chair")] };

        var exception = Assert.Throws<FundingRuleViolationException>(() => Tally(vote));

        Assert.Contains("befangen", Assert.Single(exception.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_RecusedMemberWithDeputyPresent_DeputyMayNotStepIn()
    {
        var vote = Session(["m1", "m2", "m3", "m4", "d4", "m5"], ("d4", VoteChoice.For)) with { Conflicts = [new ConflictOfInterest("m4", "Vereinsmitglied", DeclaredBy: "m4")] };

        Assert.Throws<FundingRuleViolationException>(() => Tally(vote));
    }

    [Fact]
    public void Session_QuorumBaseWithoutConflicts_RecusalLowersTheBase()
    {
        var rules = new CommitteeRules { QuorumBase = QuorumBase.SeatsWithoutConflict };
        var vote = Session(["m1", "m2", "m3", "m4", "m5"], ("m1", VoteChoice.For), ("m2", VoteChoice.For), ("m3", VoteChoice.For), ("m4", VoteChoice.Against)) with
        {
            Conflicts = [new ConflictOfInterest("m5", "Vorstand", DeclaredBy: "m5"), new ConflictOfInterest("m6", "Vorstand", DeclaredBy: "chair")],
        };

        var resolution = VoteTally.Session(vote, rules);

        Assert.Equal(3, resolution.QuorumRequired);
        Assert.Equal(ResolutionOutcome.Recommend, resolution.Outcome);
        Assert.Equal(2, resolution.Recusals.Count);
    }

    [Fact]
    public void Session_MotionWithConditions_RecommendsWithConditions()
    {
        var vote = Session(["m1", "m2", "m3", "m4"], ("m1", VoteChoice.For), ("m2", VoteChoice.For)) with { Motion = Motion.RecommendWithConditions("Barrierefreier Veranstaltungsort") };

        var resolution = Tally(vote);

        Assert.Equal(ResolutionOutcome.RecommendWithConditions, resolution.Outcome);
        Assert.Equal("Barrierefreier Veranstaltungsort", resolution.Conditions);
    }

    [Fact]
    public void Session_MotionWithConditionsTie_RejectsWithoutConditions()
    {
        var vote = Session(["m1", "m2", "m3", "m4"], ("m1", VoteChoice.For), ("m2", VoteChoice.Against)) with { Motion = Motion.RecommendWithConditions("Auflage") };

        var resolution = Tally(vote);

        Assert.Equal(ResolutionOutcome.Reject, resolution.Outcome);
        Assert.Null(resolution.Conditions);
    }

    [Fact]
    public void ToMinutesText_Recommendation_ListsParticipantsByNameVotesAndOutcome()
    {
        var text = Tally(Session(["m1", "m2", "m3", "d4"], ("m1", VoteChoice.For), ("m2", VoteChoice.Against), ("d4", VoteChoice.For)))
            .ToMinutesText(new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.Zero), "TOP 3");

        Assert.StartsWith("Beschluss vom 12.03.2026, 18:00 Uhr (Sitzung, TOP 3), Antrag ", text, StringComparison.Ordinal);
        Assert.Contains("Empfehlung zur Förderung.", text, StringComparison.Ordinal);
        Assert.Contains("Teilnehmende: 4 von 7 Stimmberechtigten (erforderlich: 4); Mitglied 1, Mitglied 2, Mitglied 3, Vertretung 4 (Vertretung für Mitglied 4).", text, StringComparison.Ordinal);
        Assert.Contains("2 dafür, 1 dagegen, 0 Enthaltungen", text, StringComparison.Ordinal);
        Assert.Contains("Befangenheit: keine.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMinutesText_OneAbstentionNobodyElse_SingularAndNoDanglingList()
    {
        var oneAbstains = Tally(Session(["m1", "m2", "m3", "m4"], ("m1", VoteChoice.For), ("m2", VoteChoice.For), ("m3", VoteChoice.Abstain))).ToMinutesText();
        var nobody = Tally(Session([])).ToMinutesText();

        Assert.Contains("2 dafür, 0 dagegen, 1 Enthaltung.", oneAbstains, StringComparison.Ordinal);
        Assert.Contains("Teilnehmende: 0 von 7 Stimmberechtigten (erforderlich: 4).", nobody, StringComparison.Ordinal);
        Assert.DoesNotContain("; .", nobody, StringComparison.Ordinal);
    }

    [Fact]
    public void Roster_DuplicatePerson_IsInvalid()
    {
        var roster = new CommitteeRoster([new CommitteeMember("m1", "A", new CommitteeDeputy("d1", "B")), new CommitteeMember("m2", "C", new CommitteeDeputy("d1", "B"))]);

        Assert.Equal("members[1].deputy.id", Assert.Single(roster.Validate()).Field);
    }
}
