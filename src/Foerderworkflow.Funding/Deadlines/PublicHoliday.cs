namespace Foerderworkflow.Funding.Deadlines;

/// <summary>A statutory public holiday: its date and its German name (e.g. "Fronleichnam").</summary>
public readonly record struct PublicHoliday(DateOnly Date, string Name);
