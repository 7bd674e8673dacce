using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Applications;

/// <summary>One line of planned costs, e.g. "Honorar Referentin" 600 €.</summary>
public sealed record CostLine(string Description, Money Amount);
