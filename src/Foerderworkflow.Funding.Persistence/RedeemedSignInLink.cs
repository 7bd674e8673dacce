namespace Foerderworkflow.Funding.Persistence;

/// <summary>A sign-in link redeemed just now: the (normalized) address it was sent to and the page to go back to.</summary>
public sealed record RedeemedSignInLink(string Address, string? ReturnUrl);
