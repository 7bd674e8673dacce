namespace Foerderworkflow.Funding.Deadlines;

/// <summary>The unit a legal period is measured in (§ 188 BGB).</summary>
public enum PeriodUnit
{
    /// <summary>A period of days (§ 188 (1) BGB).</summary>
    Days = 1,

    /// <summary>A period of weeks (§ 188 (2) BGB).</summary>
    Weeks,

    /// <summary>A period of months (§ 188 (2), (3) BGB).</summary>
    Months,

    /// <summary>A period of years (§ 188 (2), (3) BGB).</summary>
    Years,
}
