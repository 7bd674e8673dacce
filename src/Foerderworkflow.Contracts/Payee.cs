namespace Foerderworkflow.Contracts;

/// <summary>
/// Who receives the money (Zahlungsempfänger): the account holder named in the application, otherwise the applicant
/// organisation, with the account it gave. Personal data: carried only by the events finance pays or books from
/// (<see cref="ApplicationApproved"/>, <see cref="PayoutOrdered"/>).
/// </summary>
public sealed record Payee
{
    /// <summary>The account holder's name as the bank knows it.</summary>
    public required string Name { get; init; }

    /// <summary>The IBAN in electronic form (no spaces, upper case).</summary>
    public required string Iban { get; init; }

    /// <summary>The BIC, if the applicant gave one (not needed inside the SEPA area).</summary>
    public string? Bic { get; init; }
}
