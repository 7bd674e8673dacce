namespace Foerderworkflow.Funding.Applications;

/// <summary>
/// The organisation that applies and is responsible for the project, its contact person and the account the money
/// goes to. The IBAN is kept as typed so that validation can name it; <see cref="ApplicationValidator"/> checks it.
/// </summary>
public sealed record Applicant
{
    public required string Organisation { get; init; }

    public required string ContactName { get; init; }

    public required string Email { get; init; }

    public string? Phone { get; init; }

    public required string Iban { get; init; }

    /// <summary>Account holder if it differs from the organisation.</summary>
    public string? AccountHolder { get; init; }

    /// <summary>The bank's BIC; optional, since a SEPA transfer needs only the IBAN.</summary>
    public string? Bic { get; init; }
}
