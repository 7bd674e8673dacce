namespace Foerderworkflow.Accounting.Ledger;

/// <summary>A funding event the ledger cannot book (wrong currency, fractions of a cent, a non-positive amount). Not retried: it goes to <c>accounting_error</c>.</summary>
public sealed class InvalidBookingException(string message) : Exception(message);
