using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Funding.Persistence.Tests.Infrastructure;
using Foerderworkflow.Funding.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Foerderworkflow.Funding.Persistence.Tests;

public abstract partial class FundingStoreContract
{
    [Fact]
    public async Task Retention_ErasesPersonalDataOfCasesEndedTenFullYearsAgo_KeepingTheFigures()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (ended, endedId) = await GrantedAsync(fund, 2_000m);
        await CompleteAsync(endedId, "Withdrawal", """{"reason":"Verein aufgelöst"}""");
        await Attachments.AddAsync(ended.ApplicationId, "konzept.pdf", "application/pdf", Pdf, "antragsteller-1", CancellationToken.None);
        var (running, runningId) = await SubmitAsync(fund);
        var budgetBefore = await BudgetAsync(fund);

        // The case ended in 2026: kept through 2036 (German calendar), erased from 1 January 2037.
        var lastDay = await SweepAsync(new DateTimeOffset(2036, 12, 31, 22, 59, 0, TimeSpan.Zero));
        Assert.DoesNotContain(ended.ApplicationId, lastDay.ApplicationIds);
        var swept = await SweepAsync(new DateTimeOffset(2036, 12, 31, 23, 0, 0, TimeSpan.Zero));

        Assert.Contains(ended.ApplicationId, swept.ApplicationIds);
        Assert.DoesNotContain(running.ApplicationId, swept.ApplicationIds);
        var erased = await SummaryAsync(ended.ApplicationId);
        Assert.Equal(("anonymisiert", "", ApplicationStatus.Withdrawn), (erased.ApplicantName, erased.ApplicantSubject, erased.Status));
        Assert.Equal((ended.FileNumber, 2_000m), (erased.FileNumber, erased.GrantedAmount));
        Assert.Equal("{}", await TextAsync("SELECT application FROM funding_applications WHERE application_id = @id", ended.ApplicationId));
        Assert.Empty(await Attachments.ListAsync(ended.ApplicationId, CancellationToken.None));
        Assert.Null(await Fixture.Store.FindInstanceAsync(endedId));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM workflow_journal WHERE instance_id = @id", ("@id", endedId)));
        Assert.Equal(budgetBefore, await BudgetAsync(fund));

        // The running case is untouched; a second run erases nothing again.
        Assert.Equal("Bunt statt braun e. V.", (await SummaryAsync(running.ApplicationId)).ApplicantName);
        Assert.NotNull(await Fixture.Store.FindInstanceAsync(runningId));
        Assert.DoesNotContain(ended.ApplicationId, (await SweepAsync(new DateTimeOffset(2037, 6, 1, 0, 0, 0, TimeSpan.Zero))).ApplicationIds);
    }

    private Task<RetentionResult> SweepAsync(DateTimeOffset now) =>
        new RetentionSweep(new FundingDatabase(Fixture.Services.GetRequiredService<WorkflowStoreOptions>()), new FundingStoreOptions(), new FakeTimeProvider(now))
            .RunAsync(CancellationToken.None);

    private async Task<string?> TextAsync(string sql, string id)
    {
        var database = new FundingDatabase(Fixture.Services.GetRequiredService<WorkflowStoreOptions>());
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = FundingDatabase.Command(connection, null, sql, ("@id", id));
        return await command.ExecuteScalarAsync() as string;
    }
}
