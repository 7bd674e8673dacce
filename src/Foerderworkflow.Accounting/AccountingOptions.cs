using Microsoft.Extensions.Options;

namespace Foerderworkflow.Accounting;

/// <summary>The <c>Accounting</c> configuration section.</summary>
public sealed class AccountingOptions
{
    /// <summary><c>Sqlite</c> (default: a file of the worker's own) or <c>PostgreSql</c>.</summary>
    public LedgerStoreProvider Store { get; set; } = LedgerStoreProvider.Sqlite;

    /// <summary>The ledger database; for SQLite relative paths are relative to the working directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=./data/accounting.db";

    /// <summary>How long one publish of a BookingRecorded may wait for the broker's confirm before the relay backs off.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public AccountingRetryOptions Retry { get; set; } = new();

    public void Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Store))
        {
            errors.Add($"Accounting:Store '{Store}' is unknown; use Sqlite or PostgreSql.");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("Accounting:ConnectionString is required.");
        }

        if (PublishTimeout <= TimeSpan.Zero)
        {
            errors.Add("Accounting:PublishTimeout must be positive.");
        }

        if (Retry.Limit < 0 || Retry.MinInterval < TimeSpan.Zero || Retry.MaxInterval < Retry.MinInterval || Retry.IntervalDelta < TimeSpan.Zero)
        {
            errors.Add("Accounting:Retry needs Limit >= 0 and 0 <= MinInterval <= MaxInterval, IntervalDelta >= 0.");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException("Accounting", typeof(AccountingOptions), errors);
        }
    }
}

/// <summary>Where the ledger lives (<c>Accounting:Store</c>).</summary>
public enum LedgerStoreProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// MassTransit's redelivery of a failed funding event inside the worker (<c>Accounting:Retry</c>): covers a database
/// that is briefly away. After the last attempt the message goes to the <c>accounting_error</c> queue.
/// </summary>
public sealed class AccountingRetryOptions
{
    public int Limit { get; set; } = 5;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromSeconds(2);
}
