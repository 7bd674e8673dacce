using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Funds;

/// <summary>A part of a budget year released for one round (e.g. Stuttgart: at most half in the first round).</summary>
public sealed record BudgetRound(string Name, Money Amount);
