using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Funding.Committee;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Funding.Persistence.Tests;

/// <summary>The stored ballot box: one entry per person and vote, conflicts withdraw ballots, rounds are separate.</summary>
public abstract partial class FundingStoreContract
{
    private ICommitteeBallotBox BallotBox => Fixture.Services.GetRequiredService<ICommitteeBallotBox>();

    private static CommitteeVoteKey NewVote(string? applicationId = null) =>
        new(applicationId ?? Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_funding_store_registers_the_stored_ballot_box() =>
        Assert.IsType<StoredCommitteeBallotBox>(BallotBox);

    [Fact]
    public async Task Ballots_are_kept_per_member_and_a_second_ballot_replaces_the_first()
    {
        var vote = NewVote();
        var first = Fixture.Clock.GetUtcNow();
        Assert.True(await BallotBox.CastAsync(vote, new Ballot("ausschuss", VoteChoice.For) { CastAt = first }, CancellationToken.None));
        Assert.True(await BallotBox.CastAsync(vote, new Ballot("ausschuss2", VoteChoice.Abstain) { CastAt = first }, CancellationToken.None));
        Assert.True(await BallotBox.CastAsync(vote, new Ballot("ausschuss", VoteChoice.Against) { CastAt = first.AddMinutes(5) }, CancellationToken.None));

        var votes = await BallotBox.ReadAsync(vote, CancellationToken.None);

        Assert.Empty(votes.Conflicts);
        Assert.Equal(2, votes.Ballots.Count);
        var changed = Assert.Single(votes.Ballots, b => b.VoterId == "ausschuss");
        Assert.Equal(VoteChoice.Against, changed.Choice);
        Assert.Equal(first.AddMinutes(5), changed.CastAt);
        Assert.Equal(VoteChoice.Abstain, Assert.Single(votes.Ballots, b => b.VoterId == "ausschuss2").Choice);
    }

    [Fact]
    public async Task Declaring_a_conflict_withdraws_the_ballot_and_refuses_later_ones()
    {
        var vote = NewVote();
        Assert.True(await BallotBox.CastAsync(vote, new Ballot("ausschuss", VoteChoice.For) { CastAt = Fixture.Clock.GetUtcNow() }, CancellationToken.None));
        Assert.True(await BallotBox.CastAsync(vote, new Ballot("ausschuss2", VoteChoice.For) { CastAt = Fixture.Clock.GetUtcNow() }, CancellationToken.None));

        await BallotBox.DeclareConflictAsync(vote, new ConflictOfInterest("ausschuss", "Vorstand des Trägers", "ausschuss"), CancellationToken.None);
        var refused = await BallotBox.CastAsync(vote, new Ballot("ausschuss", VoteChoice.Against) { CastAt = Fixture.Clock.GetUtcNow() }, CancellationToken.None);

        Assert.False(refused);
        var votes = await BallotBox.ReadAsync(vote, CancellationToken.None);
        Assert.Equal("ausschuss2", Assert.Single(votes.Ballots).VoterId);
        Assert.Equal(new ConflictOfInterest("ausschuss", "Vorstand des Trägers", "ausschuss"), Assert.Single(votes.Conflicts));
    }

    [Fact]
    public async Task An_objection_replaces_the_ballot_is_read_back_with_its_reason_and_a_later_ballot_replaces_it()
    {
        var vote = NewVote();
        var at = Fixture.Clock.GetUtcNow();
        await BallotBox.CastAsync(vote, new Ballot("ausschuss", VoteChoice.For) { CastAt = at }, CancellationToken.None);
        await BallotBox.DeclareConflictAsync(vote, new ConflictOfInterest("ausschuss3", "Vorstand des Trägers", "ausschuss3"), CancellationToken.None);

        Assert.True(await BallotBox.ObjectAsync(vote, new Objection("ausschuss", at.AddMinutes(1), "In der Sitzung beraten"), CancellationToken.None));
        Assert.True(await BallotBox.ObjectAsync(vote, new Objection("ausschuss2", at.AddMinutes(2)), CancellationToken.None));
        Assert.False(await BallotBox.ObjectAsync(vote, new Objection("ausschuss3", at.AddMinutes(3)), CancellationToken.None));
        var objected = await BallotBox.ReadAsync(vote, CancellationToken.None);
        await BallotBox.CastAsync(vote, new Ballot("ausschuss2", VoteChoice.Against) { CastAt = at.AddMinutes(4) }, CancellationToken.None);
        var changedMind = await BallotBox.ReadAsync(vote, CancellationToken.None);

        Assert.Empty(objected.Ballots);
        Assert.Equal([new Objection("ausschuss", at.AddMinutes(1), "In der Sitzung beraten"), new Objection("ausschuss2", at.AddMinutes(2))], objected.Objections);
        Assert.Equal("ausschuss", Assert.Single(changedMind.Objections).PersonId);
        Assert.Equal(VoteChoice.Against, Assert.Single(changedMind.Ballots).Choice);
    }

    [Fact]
    public async Task A_new_vote_round_of_the_same_application_starts_clean_and_discard_forgets_only_its_round()
    {
        var deferred = NewVote();
        var next = deferred with { VoteId = Guid.NewGuid().ToString("N") };
        await BallotBox.CastAsync(deferred, new Ballot("ausschuss", VoteChoice.For) { CastAt = Fixture.Clock.GetUtcNow() }, CancellationToken.None);
        await BallotBox.DeclareConflictAsync(deferred, new ConflictOfInterest("ausschuss2", "Verwandt", "ausschuss2"), CancellationToken.None);

        Assert.Equal(CollectedVotes.Empty.Ballots, (await BallotBox.ReadAsync(next, CancellationToken.None)).Ballots);
        Assert.True(await BallotBox.CastAsync(next, new Ballot("ausschuss2", VoteChoice.Against) { CastAt = Fixture.Clock.GetUtcNow() }, CancellationToken.None));

        await BallotBox.DiscardAsync(deferred, CancellationToken.None);

        var closed = await BallotBox.ReadAsync(deferred, CancellationToken.None);
        Assert.Empty(closed.Ballots);
        Assert.Empty(closed.Conflicts);
        var open = await BallotBox.ReadAsync(next, CancellationToken.None);
        Assert.Equal(VoteChoice.Against, Assert.Single(open.Ballots).Choice);
        Assert.Empty(open.Conflicts);
    }

    [Fact]
    public async Task Ballots_survive_a_new_service_provider_on_the_same_database()
    {
        var vote = NewVote();
        await BallotBox.CastAsync(vote, new Ballot("ausschuss3", VoteChoice.For) { CastAt = Fixture.Clock.GetUtcNow() }, CancellationToken.None);

        await using var restarted = new ServiceCollection()
            .AddSingleton<TimeProvider>(Fixture.Clock)
            .AddWorkflowStore(Fixture.Services.GetRequiredService<Foerderworkflow.Engine.Persistence.WorkflowStoreOptions>())
            .AddFundingStore()
            .BuildServiceProvider();
        var votes = await restarted.GetRequiredService<ICommitteeBallotBox>().ReadAsync(vote, CancellationToken.None);

        Assert.Equal("ausschuss3", Assert.Single(votes.Ballots).VoterId);
    }

    [Fact]
    public async Task Concurrent_ballots_of_one_member_leave_one_entry()
    {
        var vote = NewVote();
        var choices = new[] { VoteChoice.For, VoteChoice.Against, VoteChoice.Abstain, VoteChoice.For, VoteChoice.Against, VoteChoice.Abstain };
        var results = await Task.WhenAll(choices.Select(c =>
            BallotBox.CastAsync(vote, new Ballot("ausschuss", c) { CastAt = Fixture.Clock.GetUtcNow() }, CancellationToken.None)));

        Assert.All(results, Assert.True);
        Assert.Single((await BallotBox.ReadAsync(vote, CancellationToken.None)).Ballots);
    }
}
