using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Foerderworkflow.Accounting;

/// <summary>Spans and instruments of the accounting worker (ActivitySource and Meter <see cref="Name"/>).</summary>
internal static class AccountingTelemetry
{
    public const string Name = "Foerderworkflow.Accounting";

    /// <summary>The application a booking is for: tag of the booking span, and baggage so the log lines below name it.</summary>
    public const string ApplicationIdKey = "foerderworkflow.application_id";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Funding events the ledger took, per event type and result (Booked, Duplicate, NothingToBook, or the exception's name).</summary>
    public static readonly Counter<long> Bookings =
        Meter.CreateCounter<long>("foerderworkflow.bookings", "{event}", "Funding events the ledger processed, per event type and result.");
}
