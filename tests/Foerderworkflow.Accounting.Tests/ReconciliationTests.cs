using Foerderworkflow.Accounting.Ledger;
using Foerderworkflow.Accounting.Tests.TestSupport;
using Foerderworkflow.Contracts;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Budget;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Accounting.Tests;

/// <summary>
/// A randomized run of funding events (approvals within the budget, payouts, withdrawals, proofs of use, reclaims,
/// repayments, closings) for several funds and years, delivered with duplicates, concurrent copies and late
/// redeliveries: afterwards the ledger's figures per fund and year equal what the domain's <see cref="BudgetLedger"/>
/// computes from the same event stream, and no event was booked twice.
/// </summary>
public sealed class ReconciliationTests
{
    private static readonly string[] Funds = ["Aktions- und Initiativfonds", "Jugendfonds"];
    private static readonly int[] Years = [2026, 2027];

    [Theory]
    [InlineData(LedgerStoreProvider.Sqlite, 11)]
    [InlineData(LedgerStoreProvider.Sqlite, 12)]
    [InlineData(LedgerStoreProvider.PostgreSql, 21)]
    public async Task RandomizedRun_WithDuplicatesAndRedeliveries_LedgerReconcilesWithTheBudgetLedger(LedgerStoreProvider provider, int seed)
    {
        await using var database = await LedgerDatabase.CreateAsync(provider);
        using var ledger = new LedgerStore(database.Options, TimeProvider.System);
        var run = new FundingRun(new Random(seed));
        var events = run.Generate(applications: 40);
        var random = new Random(seed * 7);
        var delivered = new List<FundingEvent>();

        foreach (var funding in events)
        {
            var roll = random.NextDouble();
            if (roll < 0.15)
            {
                await ledger.RecordAsync(funding, CancellationToken.None);
                Assert.Equal(BookingOutcome.Duplicate, await ledger.RecordAsync(funding, CancellationToken.None));
            }
            else if (roll < 0.25)
            {
                // Two copies at once (a broker redelivery racing the first attempt): one books, the other is a duplicate.
                var outcomes = await Task.WhenAll(ledger.RecordAsync(funding, CancellationToken.None), ledger.RecordAsync(funding, CancellationToken.None));
                Assert.Single(outcomes, o => o == BookingOutcome.Duplicate);
            }
            else
            {
                await ledger.RecordAsync(funding, CancellationToken.None);
            }

            delivered.Add(funding);
            if (random.NextDouble() < 0.1)
            {
                Assert.Equal(BookingOutcome.Duplicate, await ledger.RecordAsync(delivered[random.Next(delivered.Count)], CancellationToken.None));
            }
        }

        foreach (var late in Enumerable.Range(0, 10).Select(_ => delivered[random.Next(delivered.Count)]))
        {
            Assert.Equal(BookingOutcome.Duplicate, await ledger.RecordAsync(late, CancellationToken.None));
        }

        var balances = (await ledger.BalancesAsync(CancellationToken.None)).ToDictionary(b => (b.Fund, b.BudgetYear));
        Assert.NotEmpty(balances);
        foreach (var ((fund, year), budget) in run.Budgets)
        {
            var totals = balances.TryGetValue((fund, year), out var balance) ? balance.Totals : ApplicationAccount.Empty;
            Assert.Equal(budget.Committed, Money.FromCents(totals.Committed));
            Assert.Equal(budget.Released, Money.FromCents(totals.Released));
            Assert.Equal(budget.Returned, Money.FromCents(totals.Repaid));
            Assert.Equal(budget.NetCommitted, Money.FromCents(totals.Committed - totals.Released - totals.Repaid));
            Assert.Equal(budget.Available, budget.Budget.Amount - Money.FromCents(totals.Committed - totals.Released - totals.Repaid));
            Assert.Equal(run.PaidOut[(fund, year)], totals.PaidOut);
        }

        Assert.Equal(run.Bookings, await ledger.CountUnsentAsync(CancellationToken.None));
        Assert.True(run.Releases > 0, "the run should release commitments");
        Assert.True(run.Repayments > 0, "the run should repay reclaims");
    }

    /// <summary>Generates a plausible event stream and folds it into the domain's budget ledgers as it goes.</summary>
    private sealed class FundingRun(Random random)
    {
        public Dictionary<(string Fund, int Year), BudgetLedger> Budgets { get; } = Funds.SelectMany(f => Years.Select(y => (f, y)))
            .ToDictionary(k => k, k => new BudgetLedger(new FundBudget(k.y, Money.FromEuros(60_000m))));

        public Dictionary<(string Fund, int Year), long> PaidOut { get; } = Funds.SelectMany(f => Years.Select(y => (f, y))).ToDictionary(k => k, _ => 0L);

        public int Bookings { get; private set; }

        public int Releases { get; private set; }

        public int Repayments { get; private set; }

        public List<FundingEvent> Generate(int applications)
        {
            var cases = Enumerable.Range(1, applications).Select(i => new Case($"A-{i}", Funds[random.Next(Funds.Length)], Years[random.Next(Years.Length)])).ToList();
            var events = new List<FundingEvent>();
            while (cases.Count > 0)
            {
                var next = cases[random.Next(cases.Count)];
                if (Step(next) is { } funding)
                {
                    events.Add(funding);
                }
                else
                {
                    cases.Remove(next);
                }
            }

            return events;
        }

        private FundingEvent? Step(Case c)
        {
            var key = (c.Fund, c.Year);
            var at = new DateTimeOffset(c.Year, 3, 1, 9, 0, 0, TimeSpan.Zero).AddDays(c.Steps++);
            switch (c.Stage)
            {
                case Stage.New:
                    var amount = random.Next(50_000, 1_500_000);
                    if (Budgets[key].CheckCommitment(Money.FromCents(amount)) is not null)
                    {
                        return null;
                    }

                    Budgets[key] = Budgets[key].Commit(Money.FromCents(amount));
                    c.Granted = amount;
                    c.Stage = Stage.Approved;
                    return Booked(FundingEvent.From(Guid.NewGuid(), new ApplicationApproved { ApplicationId = c.Id, Fund = c.Fund, BudgetYear = c.Year, OccurredAt = at, DecisionId = $"B-{c.Id}", ApprovedAmount = Euro(amount) }));

                case Stage.Approved:
                    var roll = random.NextDouble();
                    if (roll < 0.15)
                    {
                        var release = c.Granted - c.Released - c.Paid;
                        Release(c, release);
                        c.Stage = c.Paid > 0 ? Stage.Reclaiming : Stage.Done;
                        c.Reclaim = c.Paid;
                        return Booked(FundingEvent.From(Guid.NewGuid(), new ApplicationWithdrawn { ApplicationId = c.Id, Fund = c.Fund, BudgetYear = c.Year, OccurredAt = at, Reason = "Projekt fällt aus" }), release);
                    }

                    if (roll < 0.6 && c.Paid < c.Granted)
                    {
                        var payout = Math.Min(c.Granted - c.Paid, random.Next(10_000, 800_000));
                        c.Paid += payout;
                        PaidOut[key] += payout;
                        return Booked(FundingEvent.From(Guid.NewGuid(), new PayoutOrdered { ApplicationId = c.Id, Fund = c.Fund, BudgetYear = c.Year, OccurredAt = at, PayoutId = $"P-{c.Id}-{c.Steps}", Amount = Euro(payout), PayOn = at.AddDays(3) }));
                    }

                    if (roll < 0.85)
                    {
                        var spent = random.Next(0, (int)c.Granted + 1);
                        var release = Math.Max(0, c.Granted - c.Released - Math.Max(c.Paid, spent));
                        Release(c, release);
                        c.Reclaim = Math.Max(0, c.Paid - spent);
                        c.Kept = spent;
                        c.Stage = c.Reclaim > 0 ? Stage.Reclaiming : Stage.Closing;
                        return Booked(FundingEvent.From(Guid.NewGuid(), new ProofOfUseAccepted { ApplicationId = c.Id, Fund = c.Fund, BudgetYear = c.Year, OccurredAt = at, SpentAmount = Euro(spent), UnspentAmount = Euro(Math.Max(0, c.Paid - spent)) }), release);
                    }

                    // Closed with a lower final grant, without a separate proof of use event.
                    var final = c.Paid + random.Next(0, (int)(c.Granted - c.Paid) + 1);
                    var closingRelease = Math.Max(0, c.Granted - c.Released - Math.Max(c.Paid, final));
                    Release(c, closingRelease);
                    c.Stage = Stage.Done;
                    return Booked(FundingEvent.From(Guid.NewGuid(), new ApplicationClosed { ApplicationId = c.Id, Fund = c.Fund, BudgetYear = c.Year, OccurredAt = at, FinalAmount = Euro(final) }), closingRelease);

                case Stage.Reclaiming when !c.ReclaimRaised:
                    c.ReclaimRaised = true;
                    return Booked(FundingEvent.From(Guid.NewGuid(), new ReclaimRaised { ApplicationId = c.Id, Fund = c.Fund, BudgetYear = c.Year, OccurredAt = at, ReclaimId = $"R-{c.Id}", Amount = Euro(c.Reclaim), DueAt = at.AddMonths(1), InterestRatePercent = 5m, Reason = "Nicht verbrauchte Mittel" }));

                case Stage.Reclaiming:
                    var part = c.Reclaim - c.RepaidSoFar > 1_000 && random.NextDouble() < 0.4 ? (c.Reclaim - c.RepaidSoFar) / 2 : c.Reclaim - c.RepaidSoFar;
                    c.RepaidSoFar += part;
                    Budgets[key] = Budgets[key].ReturnReclaim(Money.FromCents(part));
                    Repayments++;
                    if (c.RepaidSoFar == c.Reclaim)
                    {
                        c.Stage = c.Kept is null ? Stage.Done : Stage.Closing;
                    }

                    return Booked(FundingEvent.From(Guid.NewGuid(), new Repaid { ApplicationId = c.Id, Fund = c.Fund, BudgetYear = c.Year, OccurredAt = at, ReclaimId = $"R-{c.Id}", Amount = Euro(part) }));

                case Stage.Closing:
                    // The grantee keeps what was spent: nothing is left to release any more.
                    c.Stage = Stage.Done;
                    return Booked(FundingEvent.From(Guid.NewGuid(), new ApplicationClosed { ApplicationId = c.Id, Fund = c.Fund, BudgetYear = c.Year, OccurredAt = at, FinalAmount = Euro(c.Kept!.Value) }), 0);

                default:
                    return null;
            }
        }

        private void Release(Case c, long cents)
        {
            if (cents > 0)
            {
                Budgets[(c.Fund, c.Year)] = Budgets[(c.Fund, c.Year)].Release(Money.FromCents(cents));
                c.Released += cents;
                Releases++;
            }
        }

        private FundingEvent Booked(FundingEvent funding, long? cents = null)
        {
            if (cents is null or > 0)
            {
                Bookings++;
            }

            return funding;
        }

        private static MoneyAmount Euro(long cents) => MoneyAmount.Euro(cents / 100m);
    }

    private enum Stage
    {
        New,
        Approved,
        Reclaiming,
        Closing,
        Done,
    }

    private sealed class Case(string id, string fund, int year)
    {
        public string Id { get; } = id;

        public string Fund { get; } = fund;

        public int Year { get; } = year;

        public Stage Stage { get; set; }

        public int Steps { get; set; }

        public long Granted { get; set; }

        public long Released { get; set; }

        public long Paid { get; set; }

        public long Reclaim { get; set; }

        public bool ReclaimRaised { get; set; }

        public long RepaidSoFar { get; set; }

        public long? Kept { get; set; }
    }
}
