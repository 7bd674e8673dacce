using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Reminders;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// The workflow variables the funding activities share. Everything an activity needs (the application's key data,
/// the fund's settings, the results of earlier steps) lives here, so the activities never do I/O and an instance
/// carries its whole case. Names are the JSON variable names a designer sees.
/// </summary>
public static class FundingVariables
{
    public const string Application = "application";
    public const string Fund = "fund";
    public const string ChangeRequest = "changeRequest";
    public const string Routing = "routing";
    public const string Resolution = "resolution";
    public const string Decision = "decision";
    public const string Acceptance = "acceptance";
    public const string ProofOfUse = "proofOfUse";
    public const string Review = "review";

    /// <summary>System.Text.Json web defaults (camelCase) with enums as names, as the outbox contracts are written.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static T Read<T>(ActivityContext context, string name)
        where T : class =>
        TryRead<T>(context, name) ?? throw new InvalidOperationException($"The workflow variable '{name}' is not set; the step before '{context.Activity.Id}' must set it.");

    public static T? TryRead<T>(ActivityContext context, string name)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetVariable(name) is { } node ? node.Deserialize<T>(Json) : null;
    }

    public static void Write<T>(ActivityContext context, string name, T value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetVariable(name, JsonSerializer.SerializeToNode(value, Json));
    }

    public static JsonObject ToJson<T>(T value) => (JsonObject)JsonSerializer.SerializeToNode(value, Json)!;
}

/// <summary>The key data of an application that the steps and messages need (variable <c>application</c>).</summary>
public sealed record ApplicationCase
{
    public required string ApplicationId { get; init; }

    /// <summary>File number shown to the applicant, e.g. <c>AIF-2026-0042</c>.</summary>
    public required string FileNumber { get; init; }

    public required int BudgetYear { get; init; }

    /// <summary>
    /// The signed-in account that submitted the application (the token's subject), so the API shows an applicant
    /// only their own cases. Not a person's name; never published in a message.
    /// </summary>
    public string? ApplicantSubject { get; init; }

    public required string ApplicantName { get; init; }

    public required string ApplicantEmail { get; init; }

    public required string Title { get; init; }

    public required decimal RequestedAmount { get; init; }

    public DateOnly? ProjectStart { get; init; }

    public required DateOnly ProjectEnd { get; init; }
}

/// <summary>The fund's settings an instance runs with (variable <c>fund</c>); see <see cref="Funds.Fund"/>.</summary>
public sealed record FundSettings
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public FederalState FederalState { get; init; } = FederalState.NW;

    public DecidingBody DecidingBody { get; init; } = DecidingBody.Committee;

    public required decimal CapPerProject { get; init; }

    public decimal SmallProjectThreshold { get; init; } = 500m;

    public FundPeriod ProofOfUsePeriod { get; init; } = FundPeriod.Weeks(6);

    /// <summary>How long an applicant has to answer a change request (default two weeks).</summary>
    public int ReplyPeriodDays { get; init; } = 14;

    /// <summary>The reminder ladders per step; missing in older instances, which then get the defaults.</summary>
    public ReminderSettings Reminders { get; init; } = ReminderSettings.Default;

    public static FundSettings From(Fund fund)
    {
        ArgumentNullException.ThrowIfNull(fund);
        return new FundSettings
        {
            Id = fund.Id,
            Name = fund.Name,
            FederalState = fund.FederalState,
            DecidingBody = fund.DecidingBody,
            CapPerProject = fund.CapPerProject.Euros,
            SmallProjectThreshold = fund.SmallProjectThreshold.Euros,
            ProofOfUsePeriod = fund.ProofOfUsePeriod,
            Reminders = fund.Reminders,
        };
    }

    /// <summary>A <see cref="Funds.Fund"/> carrying these settings, for the domain rules.</summary>
    public Fund ToFund() => new()
    {
        Id = Id,
        Name = Name,
        FileNumberPrefix = "X",
        FederalState = FederalState,
        DecidingBody = DecidingBody,
        CapPerProject = Money.FromEuros(CapPerProject),
        SmallProjectThreshold = Money.FromEuros(SmallProjectThreshold),
        ProofOfUsePeriod = ProofOfUsePeriod,
        Reminders = Reminders,
    };
}

public sealed record ChangeRequestState(string ChangeRequestId, string Reason, DateOnly ReplyDeadlineDay, DateTimeOffset ReplyDeadline, int Round);

public sealed record RoutingState(string Route, string Body, string Procedure, DateTimeOffset? MeetingAt, DateTimeOffset? ClosingAt, string? AgendaItem);

public sealed record ResolutionState(string Outcome, int VotesFor, int VotesAgainst, int Abstentions, string? Conditions, string? Minutes);

public sealed record DecisionState
{
    public required string DecisionId { get; init; }

    /// <summary><c>Approved</c> or <c>Rejected</c>.</summary>
    public required string Outcome { get; init; }

    public decimal? Amount { get; init; }

    public IReadOnlyList<string> Conditions { get; init; } = [];

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>End of the one-month appeal period (§ 70 VwGO) after the notice is deemed received.</summary>
    public required DateTimeOffset AppealDeadline { get; init; }

    public string? CapExceptionReason { get; init; }
}

public sealed record AcceptanceState(string Outcome, string SignedBy, DateTimeOffset At);

public sealed record ProofOfUseState(DateTimeOffset DueAt, bool Overdue, int ReminderLevel, decimal? SpentAmount, string? Report, DateTimeOffset? SubmittedAt);

public sealed record ReviewState(string Outcome, decimal SpentAmount, decimal UnspentAmount, string? ReclaimId, string? Reason, DateTimeOffset? ReclaimDueAt, decimal InterestRatePercent);

/// <summary>Dates as the office reckons them: in German local time, a deadline day ending at midnight.</summary>
public static class FundingTime
{
    private static readonly TimeZoneInfo Germany = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The local (German) calendar day of <paramref name="moment"/>.</summary>
    public static DateOnly Day(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Germany).DateTime);

    /// <summary>The end of <paramref name="day"/> (24:00 German time), when a period ending that day lapses.</summary>
    public static DateTimeOffset EndOf(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Germany.GetUtcOffset(midnight));
    }

    /// <summary>The last day of a legal period from an event day, moved to a working day (§§ 187–193 BGB).</summary>
    public static DateOnly Deadline(DateOnly eventDay, Period period, FederalState state) => LegalDeadline.Add(eventDay, period, state);

    public static Period ToPeriod(FundPeriod period) =>
        period.Unit == FundPeriodUnit.Months ? Period.Months(period.Count) : Period.Weeks(period.Count);

    /// <summary>
    /// The appeal deadline of a notice issued on <paramref name="issuedOn"/>: deemed received on the fourth day after
    /// posting (§ 41 (2) VwVfG), then one month (§ 70 VwGO), moved off weekends and holidays.
    /// </summary>
    public static DateOnly AppealDeadline(DateOnly issuedOn, FederalState state) =>
        LegalDeadline.Add(issuedOn.AddDays(4), Period.Months(1), state);
}
