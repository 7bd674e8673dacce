using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Funding.Persistence.Tests;

public abstract partial class FundingStoreContract
{
    [Fact]
    public async Task Seed_HertenDemoFunds_ThisYearAndTheNext_Idempotently()
    {
        var fund = await Funding.FindFundAsync("herten-aif", CancellationToken.None);

        Assert.NotNull(fund);
        Assert.Equal("Aktions- und Initiativfonds Herten", fund.Name);
        Assert.Equal("AIF", fund.FileNumberPrefix);
        Assert.Equal([2026, 2027], fund.Budgets.Select(b => b.Year));
        Assert.All(fund.Budgets, b => Assert.Equal(Money.FromEuros(64_000m), b.Amount));
        Assert.Equal(Money.FromEuros(3_500m), fund.CapPerProject);
        Assert.NotNull(await Funding.FindFundAsync("herten-jf", CancellationToken.None));

        // A second start applies nothing and leaves every figure as it was.
        Assert.Empty(await Fixture.Services.MigrateFundingStoreAsync());
        Assert.Equal(2, await ScalarAsync("SELECT COUNT(*) FROM funding_funds WHERE id LIKE 'herten-%'"));
        Assert.Equal(4, await ScalarAsync("SELECT COUNT(*) FROM funding_budgets WHERE fund_id LIKE 'herten-%'"));
        var budget = await Funding.GetBudgetAsync("herten-aif", 2026, CancellationToken.None);
        Assert.Equal(64_000m, budget!.Available);
    }

    [Fact]
    public async Task SaveFund_RoundTripsAuthorityRemedyNotificationPathAndTexts()
    {
        var fund = await NewFundAsync(budget: 20_000m);
        var changed = fund with
        {
            Authority = DemoFunds.HertenOffice,
            Remedy = LegalRemedy.GelsenkirchenAdministrativeCourt,
            NotificationPath = Decisions.NotificationPath.PortalRetrieval,
            DocumentTexts = new Dictionary<string, string> { [Documents.DocumentTexts.Closing] = "Ihr Team der Partnerschaft für Demokratie." },
        };

        await Funding.SaveFundAsync(changed, CancellationToken.None);

        var stored = await Funding.FindFundAsync(fund.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(DemoFunds.HertenOffice, stored.Authority);
        Assert.Equal(LegalRemedy.GelsenkirchenAdministrativeCourt, stored.Remedy);
        Assert.Equal(Decisions.NotificationPath.PortalRetrieval, stored.NotificationPath);
        Assert.Equal("Ihr Team der Partnerschaft für Demokratie.", stored.DocumentTexts[Documents.DocumentTexts.Closing]);
    }

    [Fact]
    public async Task SaveFund_RoundTripsSettingsAndRounds_AndKeepsCommittedFigures()
    {
        var fund = await NewFundAsync(budget: 20_000m);
        var changed = fund with
        {
            Name = "Jugendfonds Süd",
            ProofOfUsePeriod = FundPeriod.Months(2),
            LatestProjectEnd = new MonthDay(11, 30),
            MinimumOwnShare = 0.15m,
            Budgets = [new FundBudget(Year, Money.FromEuros(30_000m)) { Rounds = [new BudgetRound("Frühjahr", Money.FromEuros(15_000m))] }],
        };

        await Funding.SaveFundAsync(changed, CancellationToken.None);

        var stored = await Funding.FindFundAsync(fund.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("Jugendfonds Süd", stored.Name);
        Assert.Equal(FundPeriod.Months(2), stored.ProofOfUsePeriod);
        Assert.Equal(new MonthDay(11, 30), stored.LatestProjectEnd);
        Assert.Equal(0.15m, stored.MinimumOwnShare);
        var budget = Assert.Single(stored.Budgets);
        Assert.Equal(Money.FromEuros(30_000m), budget.Amount);
        Assert.Equal("Frühjahr", Assert.Single(budget.Rounds).Name);
        Assert.Contains(await Funding.ListFundsAsync(CancellationToken.None), f => f.Id == fund.Id);
    }

    [Fact]
    public async Task Migrate_WithoutSeeding_LeavesTheFundsEmpty_AndCountsItsVersionsApart()
    {
        var services = await Fixture.CreateServicesAsync(seed: false);

        Assert.Empty(await services.GetRequiredService<FundingStore>().ListFundsAsync(CancellationToken.None));
        var funding = services.CreateSchemaMigrator(FundingStoreServiceCollectionExtensions.Scripts);
        Assert.Equal(funding.Scripts.Select(s => s.Version), await funding.GetAppliedVersionsAsync());
        // 0001 funds and register, 0002 attachments, 0003 retention, 0004 committee ballots, 0005 objections, 0006 documents.
        Assert.Equal([1, 2, 3, 4, 5, 6], funding.Scripts.Select(s => s.Version));
        Assert.Equal(
            services.GetRequiredService<Engine.Persistence.Schema.SchemaMigrator>().Scripts.Select(s => s.Version),
            await services.GetRequiredService<Engine.Persistence.Schema.SchemaMigrator>().GetAppliedVersionsAsync());
    }
}
