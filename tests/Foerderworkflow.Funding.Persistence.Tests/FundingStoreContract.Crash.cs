using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Funding.Persistence.Tests;

public abstract partial class FundingStoreContract
{
    [Fact]
    public async Task Approval_ProjectionFailsInsideTheTransaction_StoresNothing_AndTheRetryBooksOnce()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (application, id) = await SubmitAsync(fund);
        await ToOfficeDecisionAsync(id);
        var task = await TaskAsync(id, "OfficeDecision");
        var version = (await Fixture.Store.FindInstanceAsync(id))!.Version;
        var trigger = "fail_bookings_" + fund.FileNumberPrefix.ToLowerInvariant();
        await ExecuteAsync(Fixture.Provider == WorkflowStoreProvider.PostgreSql
            ? $$"""
                CREATE FUNCTION {{trigger}}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure: booking'; END $$;
                CREATE TRIGGER {{trigger}} BEFORE INSERT ON funding_bookings FOR EACH ROW WHEN (NEW.fund_id = '{{fund.Id}}') EXECUTE FUNCTION {{trigger}}();
                """
            : $"""
                CREATE TRIGGER {trigger} BEFORE INSERT ON funding_bookings WHEN NEW.fund_id = '{fund.Id}'
                BEGIN SELECT RAISE(ABORT, 'injected failure: booking'); END;
                """);

        // As if the process died in the middle of the commit: the database never sees half of it.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Runtime.ResumeAsync(task.Id, Approve(3_000m)));

        Assert.IsNotAssignableFrom<CommitRejectedException>(failure);
        Assert.Contains("injected failure", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(version, (await Fixture.Store.FindInstanceAsync(id))!.Version);
        Assert.Equal(task.Id, (await TaskAsync(id, "OfficeDecision")).Id);
        Assert.Equal(ApplicationStatus.AwaitingDecision, (await SummaryAsync(application.ApplicationId)).Status);
        Assert.Equal(0m, (await BudgetAsync(fund)).Committed);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM workflow_outbox WHERE instance_id = @id AND message_type = 'ApplicationApproved'", ("@id", id)));

        await ExecuteAsync(Fixture.Provider == WorkflowStoreProvider.PostgreSql
            ? $"DROP TRIGGER {trigger} ON funding_bookings; DROP FUNCTION {trigger}();"
            : $"DROP TRIGGER {trigger};");
        await Runtime.ResumeAsync(task.Id, Approve(3_000m));

        Assert.Equal(ApplicationStatus.Approved, (await SummaryAsync(application.ApplicationId)).Status);
        Assert.Equal(3_000m, (await BudgetAsync(fund)).Committed);
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM funding_bookings WHERE application_id = @id", ("@id", application.ApplicationId)));
    }

    private async Task ExecuteAsync(string sql)
    {
        var database = new FundingDatabase(Fixture.Services.GetRequiredService<WorkflowStoreOptions>());
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = FundingDatabase.Command(connection, null, sql);
        await command.ExecuteNonQueryAsync();
    }
}
