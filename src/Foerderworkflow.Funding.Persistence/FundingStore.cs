using System.Data.Common;
using System.Globalization;
using System.Text;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Funding.FileNumbers;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Registry;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// <see cref="IFundingRegistry"/> on the funding tables of the workflow database (SQLite or PostgreSQL), plus saving
/// funds. The register and the budget figures are only read here: they are written by
/// <see cref="FundingCommitProjection"/> inside the bursts.
/// </summary>
public sealed class FundingStore : IFundingRegistry
{
    private const string ApplicationColumns =
        "application_id, file_number, fund_id, budget_year, title, applicant_subject, applicant_name, status, requested_cents, granted_cents, " +
        "paid_cents, workflow_instance_id, submitted_at, updated_at";

    private const string NextSequence =
        "INSERT INTO funding_file_numbers (fund_id, year, last_sequence) VALUES (@fund_id, @year, 1) " +
        "ON CONFLICT (fund_id, year) DO UPDATE SET last_sequence = funding_file_numbers.last_sequence + 1 RETURNING last_sequence";

    private readonly FundingDatabase database;
    private readonly IWorkflowDatabaseWriter writer;
    private readonly TimeProvider clock;

    internal FundingStore(FundingDatabase database, IWorkflowDatabaseWriter writer, TimeProvider clock)
    {
        this.database = database;
        this.writer = writer;
        this.clock = clock;
    }

    public async Task<IReadOnlyList<Fund>> ListFundsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadFundsAsync(connection, null, cancellationToken);
    }

    public async Task<Fund?> FindFundAsync(string fundId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadFundsAsync(connection, fundId, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// One statement that creates or increments the fund-year's counter and returns it: concurrent callers wait for
    /// the row (PostgreSQL) or the write lock (SQLite) and each gets the next number. Committed at once, so a crash
    /// after it may leave a gap but never hands a number out twice. It goes through the store's write path
    /// (<see cref="IWorkflowDatabaseWriter"/>): on SQLite it shares the next group commit with the bursts instead of
    /// waiting for their write lock, which cost a submission most of its time (docs/performance.md).
    /// </summary>
    public async Task<FileNumber> NextFileNumberAsync(string fundId, int budgetYear, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fundId);
        string prefix;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var find = FundingDatabase.Command(connection, null, "SELECT file_number_prefix FROM funding_funds WHERE id = @id", ("@id", fundId)))
        {
            // Read outside the counter's transaction: funds are never deleted, and a changed prefix applies to the
            // numbers handed out after the change either way.
            prefix = await find.ExecuteScalarAsync(cancellationToken) as string
                ?? throw new FundingRuleViolationException("fundId", $"Den Fonds „{fundId}“ gibt es nicht.");
        }

        if (budgetYear is < 2000 or > 9999)
        {
            throw new FundingRuleViolationException("budgetYear", "Das Haushaltsjahr muss zwischen 2000 und 9999 liegen.");
        }

        var sequence = await writer.WriteAsync([new CommitStatement(NextSequence, [new("@fund_id", fundId), new("@year", budgetYear)])], cancellationToken)
            ?? throw new InvalidOperationException($"The file number counter of {fundId}/{budgetYear} returned no value.");
        return new FileNumber(prefix, budgetYear, checked((int)sequence));
    }

    public async Task<IReadOnlyList<ApplicationSummary>> ListApplicationsAsync(ApplicationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sql = new StringBuilder($"SELECT {ApplicationColumns} FROM funding_applications WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        void Where(string column, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND {column} = {name}");
                parameters.Add((name, value));
            }
        }

        Where("applicant_subject", "@subject", filter.ApplicantSubject);
        Where("fund_id", "@fund_id", filter.FundId);
        Where("budget_year", "@budget_year", filter.BudgetYear);
        Where("status", "@status", filter.Status?.ToString());
        sql.Append(" ORDER BY submitted_at DESC, application_id LIMIT @take OFFSET @skip");
        parameters.Add(("@take", Math.Clamp(filter.Take, 0, 1_000)));
        parameters.Add(("@skip", Math.Max(0, filter.Skip)));

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(connection, null, sql.ToString(), [.. parameters]);
        return await ReadApplicationsAsync(command, cancellationToken);
    }

    public async Task<ApplicationSummary?> FindApplicationAsync(string applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(connection, null, $"SELECT {ApplicationColumns} FROM funding_applications WHERE application_id = @id", ("@id", applicationId));
        return (await ReadApplicationsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<FundBudgetStatus?> GetBudgetAsync(string fundId, int year, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(
            connection,
            null,
            "SELECT budget_cents, committed_cents, released_cents, returned_cents, paid_cents FROM funding_budgets WHERE fund_id = @fund_id AND year = @year",
            ("@fund_id", fundId),
            ("@year", year));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new FundBudgetStatus(fundId, year, Euros(reader, 0), Euros(reader, 1), Euros(reader, 2), Euros(reader, 3), Euros(reader, 4));
    }

    /// <summary>
    /// Creates or replaces a fund's settings and sets the budget of each year it lists (figures already committed stay;
    /// a budget below what is committed is refused by the database). Validates the fund first.
    /// </summary>
    public async Task SaveFundAsync(Fund fund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fund);
        fund.EnsureValid();
        await WriteFundAsync(fund, replace: true, cancellationToken);
    }

    /// <summary>Stores the fund and its budget years unless they exist already; what exists is left alone (seeding).</summary>
    public async Task AddFundIfMissingAsync(Fund fund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fund);
        fund.EnsureValid();
        await WriteFundAsync(fund, replace: false, cancellationToken);
    }

    private async Task WriteFundAsync(Fund fund, bool replace, CancellationToken cancellationToken)
    {
        var now = database.Time(clock.GetUtcNow());
        var onFund = replace
            ? "DO UPDATE SET name = excluded.name, file_number_prefix = excluded.file_number_prefix, settings = excluded.settings, updated_at = excluded.updated_at"
            : "DO NOTHING";
        var onBudget = replace ? "DO UPDATE SET budget_cents = excluded.budget_cents, rounds = excluded.rounds" : "DO NOTHING";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await FundingDatabase.BeginWriteAsync(connection, cancellationToken);
        await using (var command = FundingDatabase.Command(
            connection,
            transaction,
            $"INSERT INTO funding_funds (id, name, file_number_prefix, settings, updated_at) VALUES (@id, @name, @prefix, @settings, @at) ON CONFLICT (id) {onFund}",
            ("@id", fund.Id),
            ("@name", fund.Name),
            ("@prefix", fund.FileNumberPrefix),
            ("@settings", FundDocument.Serialize(fund)),
            ("@at", now)))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var budget in fund.Budgets)
        {
            await using var command = FundingDatabase.Command(
                connection,
                transaction,
                $"INSERT INTO funding_budgets (fund_id, year, budget_cents, rounds) VALUES (@fund_id, @year, @budget_cents, @rounds) ON CONFLICT (fund_id, year) {onBudget}",
                ("@fund_id", fund.Id),
                ("@year", budget.Year),
                ("@budget_cents", FundingDatabase.Cents(budget.Amount.Euros)),
                ("@rounds", FundDocument.SerializeRounds(budget.Rounds)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<Fund>> ReadFundsAsync(DbConnection connection, string? fundId, CancellationToken cancellationToken)
    {
        var filter = fundId is null ? string.Empty : " WHERE fund_id = @id";
        var budgets = new Dictionary<string, List<FundBudget>>(StringComparer.Ordinal);
        await using (var command = FundingDatabase.Command(connection, null, $"SELECT fund_id, year, budget_cents, rounds FROM funding_budgets{filter} ORDER BY fund_id, year", ("@id", fundId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                var budget = new FundBudget(Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Amounts.Money.FromCents(reader.GetInt64(2)))
                {
                    Rounds = FundDocument.DeserializeRounds(reader.IsDBNull(3) ? null : reader.GetString(3)),
                };
                if (!budgets.TryGetValue(id, out var list))
                {
                    budgets[id] = list = [];
                }

                list.Add(budget);
            }
        }

        var funds = new List<Fund>();
        var fundFilter = fundId is null ? string.Empty : " WHERE id = @id";
        await using (var command = FundingDatabase.Command(connection, null, $"SELECT id, file_number_prefix, settings FROM funding_funds{fundFilter} ORDER BY id", ("@id", fundId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                funds.Add(FundDocument.Deserialize(id, reader.GetString(1), reader.GetString(2), budgets.TryGetValue(id, out var list) ? list : []));
            }
        }

        return funds;
    }

    private static async Task<IReadOnlyList<ApplicationSummary>> ReadApplicationsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var summaries = new List<ApplicationSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(new ApplicationSummary
            {
                ApplicationId = reader.GetString(0),
                FileNumber = reader.GetString(1),
                FundId = reader.GetString(2),
                BudgetYear = Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                Title = reader.GetString(4),
                ApplicantSubject = reader.GetString(5),
                ApplicantName = reader.GetString(6),
                Status = Enum.Parse<ApplicationStatus>(reader.GetString(7)),
                RequestedAmount = Euros(reader, 8),
                GrantedAmount = reader.IsDBNull(9) ? null : Euros(reader, 9),
                PaidAmount = Euros(reader, 10),
                WorkflowInstanceId = reader.GetString(11),
                SubmittedAt = FundingDatabase.ReadTime(reader, 12),
                UpdatedAt = FundingDatabase.ReadTime(reader, 13),
            });
        }

        return summaries;
    }

    private static decimal Euros(DbDataReader reader, int ordinal) => FundingDatabase.Euros(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture));
}
