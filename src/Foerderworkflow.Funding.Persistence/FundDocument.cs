using System.Text.Json;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// A fund's settings as stored in <c>funding_funds.settings</c> (JSON, camelCase, enums by name). Budgets are rows of
/// <c>funding_budgets</c> (their figures change with every approval), so they are not part of the document.
/// </summary>
internal sealed record FundDocument
{
    public required string Name { get; init; }

    public FundKind Kind { get; init; }

    public DecidingBody DecidingBody { get; init; }

    public FederalState FederalState { get; init; }

    public decimal CapPerProject { get; init; }

    public decimal MinimumOwnShare { get; init; }

    public decimal SmallProjectThreshold { get; init; }

    public FundPeriod ProofOfUsePeriod { get; init; }

    public FundPeriod PayoutHorizon { get; init; }

    public MonthDay LatestProjectEnd { get; init; }

    /// <summary>Missing in documents written before it existed.</summary>
    public string? CostCentre { get; init; }

    /// <summary>Missing in documents written before Bescheide were issued (then: none named, the NRW Belehrung without a court).</summary>
    public IssuingAuthority? Authority { get; init; }

    public LegalRemedy? Remedy { get; init; }

    /// <summary>Missing in older documents: electronic.</summary>
    public NotificationPath? NotificationPath { get; init; }

    /// <summary>The fund's own wording of document passages (see <c>DocumentTexts</c>); an administrator edits it here.</summary>
    public Dictionary<string, string>? DocumentTexts { get; init; }

    public static string Serialize(Fund fund) => JsonSerializer.Serialize(
        new FundDocument
        {
            Name = fund.Name,
            Kind = fund.Kind,
            DecidingBody = fund.DecidingBody,
            FederalState = fund.FederalState,
            CapPerProject = fund.CapPerProject.Euros,
            MinimumOwnShare = fund.MinimumOwnShare,
            SmallProjectThreshold = fund.SmallProjectThreshold.Euros,
            ProofOfUsePeriod = fund.ProofOfUsePeriod,
            PayoutHorizon = fund.PayoutHorizon,
            LatestProjectEnd = fund.LatestProjectEnd,
            CostCentre = fund.CostCentre,
            Authority = fund.Authority,
            Remedy = fund.Remedy,
            NotificationPath = fund.NotificationPath,
            DocumentTexts = fund.DocumentTexts.Count > 0 ? new Dictionary<string, string>(fund.DocumentTexts, StringComparer.Ordinal) : null,
        },
        FundingVariables.Json);

    public static Fund Deserialize(string id, string prefix, string settings, IReadOnlyList<FundBudget> budgets)
    {
        var document = JsonSerializer.Deserialize<FundDocument>(settings, FundingVariables.Json)
            ?? throw new InvalidOperationException($"The settings of fund '{id}' are empty.");
        return new Fund
        {
            Id = id,
            Name = document.Name,
            FileNumberPrefix = prefix,
            Kind = document.Kind,
            DecidingBody = document.DecidingBody,
            FederalState = document.FederalState,
            Budgets = budgets,
            CapPerProject = Money.FromEuros(document.CapPerProject),
            MinimumOwnShare = document.MinimumOwnShare,
            SmallProjectThreshold = Money.FromEuros(document.SmallProjectThreshold),
            ProofOfUsePeriod = document.ProofOfUsePeriod,
            PayoutHorizon = document.PayoutHorizon,
            LatestProjectEnd = document.LatestProjectEnd,
            CostCentre = document.CostCentre,
            Authority = document.Authority,
            Remedy = document.Remedy,
            NotificationPath = document.NotificationPath ?? Decisions.NotificationPath.Electronic,
            DocumentTexts = document.DocumentTexts ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    public static string? SerializeRounds(IReadOnlyList<BudgetRound> rounds) => rounds.Count == 0
        ? null
        : JsonSerializer.Serialize(rounds.Select(r => new RoundDocument(r.Name, r.Amount.Euros)), FundingVariables.Json);

    public static IReadOnlyList<BudgetRound> DeserializeRounds(string? json) => json is null
        ? []
        : [.. (JsonSerializer.Deserialize<List<RoundDocument>>(json, FundingVariables.Json) ?? []).Select(r => new BudgetRound(r.Name, Money.FromEuros(r.Amount)))];

    private sealed record RoundDocument(string Name, decimal Amount);
}
