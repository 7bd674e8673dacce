using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Foerderworkflow.Contracts;

namespace Foerderworkflow.Accounting.Ledger;

/// <summary>
/// The ledger per fund and budget year in a database of the worker's own (SQLite file by default, or PostgreSQL).
/// One funding event is one transaction: the processed-marker of its MessageId, at most one booking row (carrying the
/// MessageId, UNIQUE) and the BookingRecorded outbox row commit together or not at all, so a redelivered event books
/// nothing twice and a booking is never announced without being made, nor made without being announced.
/// </summary>
internal sealed class LedgerStore(AccountingOptions options, TimeProvider clock) : IDisposable
{
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private readonly LedgerDialect dialect = LedgerDialect.For(options);
    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private volatile bool schemaReady;

    /// <summary>Raised after a commit that wrote an outbox row, so the relay wakes at once.</summary>
    public event Action? BookingCommitted;

    /// <summary>Applies the missing schema scripts (<c>Ledger/Schema/&lt;provider&gt;/NNNN_name.sql</c>) once per process.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (schemaReady)
        {
            return;
        }

        await schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (schemaReady)
            {
                return;
            }

            await dialect.PrepareStorageAsync(cancellationToken);
            await using var connection = await dialect.OpenAsync(cancellationToken);
            await using var transaction = await dialect.BeginSchemaAsync(connection, cancellationToken);
            await ExecuteAsync(connection, transaction, dialect.CreateSchemaTableSql, cancellationToken);
            var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM accounting_schema_versions", cancellationToken), CultureInfo.InvariantCulture);
            var scripts = Scripts(dialect.SchemaFolder);
            if (current > scripts[^1].Version)
            {
                throw new InvalidOperationException($"The ledger has schema version {current}; this worker knows {scripts[^1].Version}. Update the worker.");
            }

            foreach (var (version, sql) in scripts.Where(s => s.Version > current))
            {
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await ExecuteAsync(connection, transaction, "INSERT INTO accounting_schema_versions (version, applied_at) VALUES (@version, @at)", cancellationToken,
                    ("version", version), ("at", dialect.Time(clock.GetUtcNow())));
            }

            await transaction.CommitAsync(cancellationToken);
            schemaReady = true;
        }
        finally
        {
            schemaLock.Release();
        }
    }

    public void Dispose() => schemaLock.Dispose();

    /// <summary>Books the event once; a MessageId seen before books nothing and returns <see cref="BookingOutcome.Duplicate"/>.</summary>
    public async Task<BookingOutcome> RecordAsync(FundingEvent funding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funding);
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginBookingAsync(connection, funding.AccountKey, cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = await ExecuteAsync(connection, transaction,
            "INSERT INTO accounting_processed_messages (message_id, message_type, processed_at) VALUES (@id, @type, @at) ON CONFLICT DO NOTHING",
            cancellationToken, ("id", dialect.Id(funding.MessageId)), ("type", funding.MessageType), ("at", dialect.Time(now)));
        if (claimed == 0)
        {
            return BookingOutcome.Duplicate;
        }

        var account = await AccountAsync(connection, transaction, funding.Fund, funding.BudgetYear, funding.ApplicationId, cancellationToken);
        var cents = funding.Rule.Amount(account);
        if (cents <= 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return BookingOutcome.NothingToBook;
        }

        var bookingId = Guid.CreateVersion7(now);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO ledger_bookings (booking_id, source_message_id, source_message_type, fund, budget_year, application_id, kind, amount_cents, currency, reference, occurred_at, booked_at)
            VALUES (@booking, @source, @type, @fund, @year, @application, @kind, @cents, @currency, @reference, @occurred, @booked)
            """, cancellationToken,
            ("booking", dialect.Id(bookingId)), ("source", dialect.Id(funding.MessageId)), ("type", funding.MessageType), ("fund", funding.Fund),
            ("year", funding.BudgetYear), ("application", funding.ApplicationId), ("kind", funding.Rule.Kind), ("cents", cents), ("currency", Cents.Currency),
            ("reference", (object?)funding.Reference ?? DBNull.Value), ("occurred", dialect.Time(funding.OccurredAt)), ("booked", dialect.Time(now)));
        var balance = (await BalancesAsync(connection, transaction, funding.Fund, funding.BudgetYear, cancellationToken)).Single();
        var recorded = new BookingRecorded
        {
            ApplicationId = funding.ApplicationId,
            Fund = funding.Fund,
            BudgetYear = funding.BudgetYear,
            OccurredAt = funding.OccurredAt,
            BookedAt = now,
            BookingId = bookingId,
            Kind = funding.Rule.Kind,
            Amount = MoneyAmount.Euro(Cents.ToEuros(cents)),
            SourceMessageId = funding.MessageId,
            SourceMessageType = funding.MessageType,
            Reference = funding.Reference,
            Balance = balance.ToContract(),
        };
        await ExecuteAsync(connection, transaction, "INSERT INTO accounting_outbox (message_id, payload, created_at) VALUES (@id, @payload, @at)", cancellationToken,
            ("id", dialect.Id(bookingId)), ("payload", JsonSerializer.Serialize(recorded, PayloadJson)), ("at", dialect.Time(now)));
        await transaction.CommitAsync(cancellationToken);
        BookingCommitted?.Invoke();
        return BookingOutcome.Booked(recorded);
    }

    /// <summary>The figures of every fund and budget year the ledger knows.</summary>
    public async Task<IReadOnlyList<FundYearBalance>> BalancesAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await BalancesAsync(connection, null, null, null, cancellationToken);
    }

    public async Task<ApplicationAccount> AccountAsync(string fund, int budgetYear, string applicationId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await AccountAsync(connection, null, fund, budgetYear, applicationId, cancellationToken);
    }

    /// <summary>Every booking made for <paramref name="applicationId"/>, in booking order.</summary>
    public async Task<IReadOnlyList<(string Kind, long Cents, Guid SourceMessageId)>> BookingsAsync(string applicationId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT kind, amount_cents, source_message_id FROM ledger_bookings WHERE application_id = @application ORDER BY sequence", ("application", applicationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bookings = new List<(string, long, Guid)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            bookings.Add((reader.GetString(0), reader.GetInt64(1), dialect.ReadId(reader, 2)));
        }

        return bookings;
    }

    /// <summary>Outbox rows not yet published, oldest first.</summary>
    public async Task<IReadOnlyList<(long Sequence, Guid MessageId, BookingRecorded Message)>> FetchUnsentAsync(int max, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT sequence, message_id, payload FROM accounting_outbox WHERE sent_at IS NULL ORDER BY sequence LIMIT @max", ("max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long, Guid, BookingRecorded)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), dialect.ReadId(reader, 1), JsonSerializer.Deserialize<BookingRecorded>(reader.GetString(2), PayloadJson)!));
        }

        return rows;
    }

    public async Task MarkSentAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var at = dialect.Time(clock.GetUtcNow());
        foreach (var sequence in sequences)
        {
            await ExecuteAsync(connection, transaction, "UPDATE accounting_outbox SET sent_at = @at WHERE sequence = @sequence", cancellationToken, ("at", at), ("sequence", sequence));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> CountUnsentAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT COUNT(*) FROM accounting_outbox WHERE sent_at IS NULL", cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<ApplicationAccount> AccountAsync(DbConnection connection, DbTransaction? transaction, string fund, int year, string applicationId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT kind, CAST(SUM(amount_cents) AS BIGINT) FROM ledger_bookings WHERE fund = @fund AND budget_year = @year AND application_id = @application GROUP BY kind",
            ("fund", fund), ("year", year), ("application", applicationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var account = ApplicationAccount.Empty;
        while (await reader.ReadAsync(cancellationToken))
        {
            account = account.With(reader.GetString(0), reader.GetInt64(1));
        }

        return account;
    }

    private static async Task<IReadOnlyList<FundYearBalance>> BalancesAsync(DbConnection connection, DbTransaction? transaction, string? fund, int? year, CancellationToken cancellationToken)
    {
        await using var command = fund is null
            ? Command(connection, transaction, "SELECT fund, budget_year, kind, CAST(SUM(amount_cents) AS BIGINT) FROM ledger_bookings GROUP BY fund, budget_year, kind")
            : Command(connection, transaction, "SELECT fund, budget_year, kind, CAST(SUM(amount_cents) AS BIGINT) FROM ledger_bookings WHERE fund = @fund AND budget_year = @year GROUP BY fund, budget_year, kind", ("fund", fund), ("year", year!.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new Dictionary<(string Fund, int Year), ApplicationAccount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetInt32(1));
            accounts[key] = accounts.GetValueOrDefault(key, ApplicationAccount.Empty).With(reader.GetString(2), reader.GetInt64(3));
        }

        return [.. accounts.OrderBy(a => a.Key.Fund, StringComparer.Ordinal).ThenBy(a => a.Key.Year).Select(a => new FundYearBalance(a.Key.Fund, a.Key.Year, a.Value))];
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static IReadOnlyList<(int Version, string Sql)> Scripts(string folder)
    {
        var assembly = typeof(LedgerStore).Assembly;
        var prefix = $"{assembly.GetName().Name}.Ledger.Schema.{folder}.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n[prefix.Length..].Split('_')[0], CultureInfo.InvariantCulture), Sql: Read(assembly, n)))
            .OrderBy(s => s.Version)];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>What <see cref="LedgerStore.RecordAsync"/> did with an event.</summary>
internal sealed record BookingOutcome(string Result, BookingRecorded? Booking)
{
    public static BookingOutcome Duplicate { get; } = new(nameof(Duplicate), null);

    /// <summary>The event was recorded as processed but had nothing to book (e.g. a release with nothing left to release).</summary>
    public static BookingOutcome NothingToBook { get; } = new(nameof(NothingToBook), null);

    public static BookingOutcome Booked(BookingRecorded booking) => new(nameof(Booked), booking);
}

/// <summary>The ledger's totals of one fund and budget year, in cents.</summary>
internal sealed record FundYearBalance(string Fund, int BudgetYear, ApplicationAccount Totals)
{
    public long NetCommitted => Totals.Committed - Totals.Released - Totals.Repaid;

    public LedgerBalance ToContract() => new()
    {
        Committed = Cents.ToEuros(Totals.Committed),
        Released = Cents.ToEuros(Totals.Released),
        PaidOut = Cents.ToEuros(Totals.PaidOut),
        Reclaimed = Cents.ToEuros(Totals.Reclaimed),
        Repaid = Cents.ToEuros(Totals.Repaid),
    };
}
