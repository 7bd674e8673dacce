using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Persistence.Tests;

public abstract partial class FundingStoreContract
{
    [Fact]
    public async Task NextFileNumber_InParallel_IsUniqueAndGapFree()
    {
        const int Count = 40;
        var fund = await NewFundAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allocations = Enumerable.Range(0, Count).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Funding.NextFileNumberAsync(fund.Id, Year, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var numbers = await Task.WhenAll(allocations);

        Assert.Equal(Enumerable.Range(1, Count), numbers.Select(n => n.Sequence).Order());
        Assert.All(numbers, n => Assert.Equal((fund.FileNumberPrefix, Year), (n.Prefix, n.Year)));
        Assert.Equal($"{fund.FileNumberPrefix}-2026-0001", numbers.Single(n => n.Sequence == 1).ToString());
    }

    [Fact]
    public async Task NextFileNumber_CountsPerFundAndYear()
    {
        var first = await NewFundAsync();
        var second = await NewFundAsync();

        Assert.Equal(1, (await Funding.NextFileNumberAsync(first.Id, Year, CancellationToken.None)).Sequence);
        Assert.Equal(2, (await Funding.NextFileNumberAsync(first.Id, Year, CancellationToken.None)).Sequence);
        Assert.Equal(1, (await Funding.NextFileNumberAsync(first.Id, Year + 1, CancellationToken.None)).Sequence);
        Assert.Equal(1, (await Funding.NextFileNumberAsync(second.Id, Year, CancellationToken.None)).Sequence);
        Assert.Equal(3, (await Funding.NextFileNumberAsync(first.Id, Year, CancellationToken.None)).Sequence);
    }

    [Fact]
    public async Task NextFileNumber_UnknownFund_IsRefusedNamingTheField()
    {
        var refused = await Assert.ThrowsAsync<FundingRuleViolationException>(() => Funding.NextFileNumberAsync("gibt-es-nicht", Year, CancellationToken.None));

        Assert.Equal("fundId", Assert.Single(refused.Errors).Field);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM funding_file_numbers WHERE fund_id = @id", ("@id", "gibt-es-nicht")));
    }
}
