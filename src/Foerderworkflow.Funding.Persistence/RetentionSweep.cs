using System.Globalization;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>What one run of <see cref="RetentionSweep"/> erased.</summary>
public sealed record RetentionResult(DateTimeOffset EndedBefore, IReadOnlyList<string> ApplicationIds);

/// <summary>
/// Erases the applicant's personal data of cases that ended (Closed, Withdrawn, Rejected) before 1 January of the
/// year <see cref="FundingStoreOptions.RetentionYears"/> + 1 after their end (German calendar): the register keeps the
/// anonymized row (file number, fund, year, title, status, amounts, times) and the bookings, so the budget figures
/// stay; the applicant's name and account, the application data (e-mail, IBAN, contact) and the attachments go, and
/// so does the finished workflow instance with its journal and sent outbox messages, which carry the same data.
/// Each case is erased in a transaction of its own; running it again erases nothing twice.
/// </summary>
public sealed class RetentionSweep
{
    private const string Anonymized = "anonymisiert";

    private static readonly string EndedStatuses = string.Join(", ",
        new[] { ApplicationStatus.Closed, ApplicationStatus.Withdrawn, ApplicationStatus.Rejected }.Select(s => $"'{s}'"));

    private readonly FundingDatabase database;
    private readonly FundingStoreOptions options;
    private readonly TimeProvider clock;

    internal RetentionSweep(FundingDatabase database, FundingStoreOptions options, TimeProvider clock)
    {
        this.database = database;
        this.options = options;
        this.clock = clock;
    }

    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        if (options.RetentionYears < 1)
        {
            throw new InvalidOperationException("Funding:RetentionYears must be at least 1.");
        }

        // Kept for RetentionYears full years after the year of the end: a case closed in 2026 is erased from 1 Jan 2037 (10 years).
        var endedBefore = FundingTime.StartOf(new DateOnly(FundingTime.Day(clock.GetUtcNow()).Year - options.RetentionYears, 1, 1));
        await using var connection = await database.OpenAsync(cancellationToken);
        var due = new List<(string ApplicationId, string InstanceId)>();
        await using (var find = FundingDatabase.Command(
            connection,
            null,
            $"SELECT application_id, workflow_instance_id FROM funding_applications WHERE status IN ({EndedStatuses}) AND updated_at < @before AND personal_data_erased_at IS NULL",
            ("@before", database.Time(endedBefore))))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var now = database.Time(clock.GetUtcNow());
        foreach (var (applicationId, instanceId) in due)
        {
            await using var transaction = await FundingDatabase.BeginWriteAsync(connection, cancellationToken);
            (string Sql, (string, object?)[] Parameters)[] statements =
            [
                ("UPDATE funding_applications SET applicant_name = @anonymized, applicant_subject = '', application = '{}', personal_data_erased_at = @now " +
                    "WHERE application_id = @id AND personal_data_erased_at IS NULL", [("@anonymized", Anonymized), ("@now", now), ("@id", applicationId)]),
                ("DELETE FROM funding_attachments WHERE application_id = @id", [("@id", applicationId)]),
                ("DELETE FROM funding_documents WHERE application_id = @id", [("@id", applicationId)]),
                // Only a finished or cancelled instance: nothing waits in it any more, and its timers and bookmarks are gone.
                ("DELETE FROM workflow_journal WHERE instance_id = @instance AND EXISTS (SELECT 1 FROM workflow_instances WHERE id = @instance AND status IN ('Finished', 'Cancelled'))", [("@instance", instanceId)]),
                ("DELETE FROM workflow_incidents WHERE instance_id = @instance AND EXISTS (SELECT 1 FROM workflow_instances WHERE id = @instance AND status IN ('Finished', 'Cancelled'))", [("@instance", instanceId)]),
                ("DELETE FROM workflow_outbox WHERE instance_id = @instance AND sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM workflow_instances WHERE id = @instance AND status IN ('Finished', 'Cancelled'))", [("@instance", instanceId)]),
                ("DELETE FROM workflow_instances WHERE id = @instance AND status IN ('Finished', 'Cancelled')", [("@instance", instanceId)]),
            ];
            foreach (var (sql, parameters) in statements)
            {
                await using var command = FundingDatabase.Command(connection, transaction, sql, parameters);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return new RetentionResult(endedBefore, [.. due.Select(d => d.ApplicationId).Order(StringComparer.Ordinal)]);
    }

    /// <summary>For log lines: how many cases and the cut-off.</summary>
    public static string Describe(RetentionResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.ApplicationIds.Count} cases ended before {result.EndedBefore:yyyy-MM-dd}");
}
