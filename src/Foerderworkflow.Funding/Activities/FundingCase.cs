using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Reclaims;
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
    public const string Payouts = "payouts";
    public const string Changes = "changes";
    public const string ProjectEnd = "projectEnd";
    public const string Withdrawal = "withdrawal";
    public const string Repayment = "repayment";
    public const string Documents = "documents";

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

    /// <summary>
    /// The cost lines of the approved plan (description and euros), against which a change after approval is
    /// assessed (ANBest-P 1.2); an approved change replaces them. Optional: without them every change needs approval.
    /// </summary>
    public IReadOnlyList<CaseCostLine>? CostLines { get; init; }

    /// <summary>
    /// Who receives the money and on which account, for the finance events; null in instances started before it was
    /// carried. Personal data: erased with the instance after the retention period.
    /// </summary>
    public CasePayee? Payee { get; init; }

    /// <summary>Own funds of the financing plan; null in instances started before the plan was carried whole.</summary>
    public decimal? OwnFunds { get; init; }

    /// <summary>Third-party funds of the financing plan; null like <see cref="OwnFunds"/>.</summary>
    public decimal? ThirdPartyFunds { get; init; }

    /// <summary>
    /// Whether the case carries its whole financing plan, so the requested amount can be checked against the gap
    /// (costs − own funds − third-party funds).
    /// </summary>
    [JsonIgnore]
    public bool CarriesFinancingPlan => CostLines is not null && OwnFunds is not null;
}

/// <summary>The account holder (or the organisation), the IBAN in electronic form and the BIC if given.</summary>
public sealed record CasePayee(string Name, string Iban, string? Bic);

/// <summary>One line of the cost plan as the workflow carries it.</summary>
public sealed record CaseCostLine(string Description, decimal Amount);

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

    /// <summary>How far ahead a payout may cover planned expenses (six-week rule, ANBest-P 1.4).</summary>
    public FundPeriod PayoutHorizon { get; init; } = FundPeriod.Weeks(6);

    /// <summary>
    /// The base rates (§ 247 BGB) for the interest on a reclaim (§ 49a (3) VwVfG: base rate + 5 points); configurable
    /// because the Bundesbank publishes a new rate every half year. Empty: <see cref="BaseRateSchedule.Published2024To2025"/>.
    /// </summary>
    public IReadOnlyList<BaseRate> BaseRates { get; init; } = [];

    /// <summary>The fund's Haushaltsstelle or cost centre (<see cref="Funds.Fund.CostCentre"/>); null in older instances.</summary>
    public string? CostCentre { get; init; }

    /// <summary>The authority issuing the Bescheide (<see cref="Funds.Fund.Authority"/>); null in older instances.</summary>
    public IssuingAuthority? Authority { get; init; }

    /// <summary>The remedy of the Belehrung (<see cref="Funds.Fund.Remedy"/>); null in older instances, which get <see cref="Documents.RemedyNotice.WithoutFundRemedy"/>.</summary>
    public LegalRemedy? Remedy { get; init; }

    /// <summary>How Bescheide are made known (<see cref="Funds.Fund.NotificationPath"/>); older instances: electronic, as their e-mail was.</summary>
    public NotificationPath NotificationPath { get; init; } = NotificationPath.Electronic;

    /// <summary>The fund's wording of document passages (<see cref="Funds.Fund.DocumentTexts"/>), copied when the case started.</summary>
    public IReadOnlyDictionary<string, string>? DocumentTexts { get; init; }

    /// <summary>The Rechtsbehelfsbelehrung of this fund, the same words in the e-mail and in the document.</summary>
    public string RemedyNotice() => Documents.RemedyNotice.Text(Remedy, Authority, FederalState);

    public BaseRateSchedule InterestBaseRates() => BaseRates.Count > 0 ? new BaseRateSchedule(BaseRates) : BaseRateSchedule.Published2024To2025;

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
            PayoutHorizon = fund.PayoutHorizon,
            CostCentre = fund.CostCentre,
            Authority = fund.Authority,
            Remedy = fund.Remedy,
            NotificationPath = fund.NotificationPath,
            DocumentTexts = fund.DocumentTexts.Count > 0 ? fund.DocumentTexts : null,
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
        PayoutHorizon = PayoutHorizon,
        CostCentre = CostCentre,
        Authority = Authority,
        Remedy = Remedy,
        NotificationPath = NotificationPath,
        DocumentTexts = DocumentTexts ?? new Dictionary<string, string>(StringComparer.Ordinal),
    };
}

public sealed record ChangeRequestState(string ChangeRequestId, string Reason, DateOnly ReplyDeadlineDay, DateTimeOffset ReplyDeadline, int Round);

/// <param name="Place">Where the session takes place, as the KuF named it; null for a written procedure or when not named.</param>
public sealed record RoutingState(string Route, string Body, string Procedure, DateTimeOffset? MeetingAt, DateTimeOffset? ClosingAt, string? AgendaItem, string? Place = null);

/// <param name="Deferral">Why a <c>Defer</c> outcome was reached: <c>NoQuorum</c>, <c>Objection</c> or <see cref="Deferred"/> (the chair's result); null otherwise.</param>
public sealed record ResolutionState(string Outcome, int VotesFor, int VotesAgainst, int Abstentions, string? Conditions, string? Minutes, string? Deferral = null)
{
    /// <summary>The committee postponed the item itself (the chair's recorded result).</summary>
    public const string Deferred = nameof(Deferred);
}

public sealed record DecisionState
{
    public required string DecisionId { get; init; }

    /// <summary><c>Approved</c> or <c>Rejected</c>.</summary>
    public required string Outcome { get; init; }

    public decimal? Amount { get; init; }

    public IReadOnlyList<string> Conditions { get; init; } = [];

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>
    /// End of the appeal period (one month, § 70, § 74 VwGO) after the Bescheid is deemed notified (<see cref="Notice"/>).
    /// For a portal retrieval not yet made, the latest it can be: as if retrieved on the tenth day.
    /// </summary>
    public required DateTimeOffset AppealDeadline { get; init; }

    /// <summary>How and when the Bescheid is made known (§ 41 VwVfG); null in instances decided before it was recorded (then: by post on the decision day).</summary>
    public Notification? Notice { get; init; }

    public string? CapExceptionReason { get; init; }

    /// <summary>Why the office approved against the committee's recommendation or less than was requested.</summary>
    public string? DeviationReason { get; init; }

    /// <summary>The committee's recommendation the decision followed or deviated from (<c>Recommend</c>, <c>Reject</c>, …); null without a vote.</summary>
    public string? Recommendation { get; init; }
}

public sealed record AcceptanceState(string Outcome, string SignedBy, DateTimeOffset At);

public sealed record ProofOfUseState(DateTimeOffset DueAt, bool Overdue, int ReminderLevel, decimal? SpentAmount, string? Report, DateTimeOffset? SubmittedAt);

public sealed record ReviewState(string Outcome, decimal SpentAmount, decimal UnspentAmount, string? ReclaimId, string? Reason, DateTimeOffset? ReclaimDueAt, decimal InterestRatePercent)
{
    /// <summary>
    /// What must be paid back: the payouts beyond the final grant. <c>null</c> (a review from before payouts were
    /// recorded): the unspent amount.
    /// </summary>
    public decimal? ReclaimAmount { get; init; }

    /// <summary>The first day the reclaimed amount bears interest (§ 49a (3) VwVfG): the day of the last payout.</summary>
    public DateOnly? InterestFrom { get; init; }

    public decimal Reclaimed => ReclaimAmount ?? UnspentAmount;

    /// <summary>The rest of the final grant not paid out before, ordered with the accepted proof (Schlusszahlung).</summary>
    public decimal? FinalPayout { get; init; }
}

/// <summary>The payouts of a grant (variable <c>payouts</c>): every request with its result and the total paid.</summary>
public sealed record PayoutsState
{
    public IReadOnlyList<PayoutEntry> Entries { get; init; } = [];

    /// <summary>Sum of the ordered payouts.</summary>
    public decimal Paid => Entries.Where(e => e.Status == PayoutEntry.Ordered).Sum(e => e.OrderedAmount ?? 0m);

    /// <summary>The request awaiting the office's decision, if any.</summary>
    [JsonIgnore]
    public PayoutEntry? Open => Entries.LastOrDefault(e => e.Status == PayoutEntry.Requested);

    public PayoutsState With(PayoutEntry entry) =>
        this with { Entries = [.. Entries.Where(e => e.PayoutId != entry.PayoutId), entry] };
}

/// <summary>One payout request (Mittelabruf) and what became of it.</summary>
public sealed record PayoutEntry
{
    public const string Requested = "Requested";
    public const string Ordered = "Ordered";
    public const string Refused = "Refused";

    public required string PayoutId { get; init; }

    public required decimal RequestedAmount { get; init; }

    public required IReadOnlyList<PlannedExpense> Expenditures { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary><see cref="Requested"/>, <see cref="Ordered"/> or <see cref="Refused"/>.</summary>
    public required string Status { get; init; }

    public decimal? OrderedAmount { get; init; }

    public DateOnly? PayOn { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>An expense a payout request is for, due on <paramref name="DueOn"/>.</summary>
public sealed record PlannedExpense(DateOnly DueOn, decimal Amount, string? Description);

/// <summary>Changes to the funded project after approval (variable <c>changes</c>).</summary>
public sealed record ChangesState
{
    public IReadOnlyList<ChangeEntry> Entries { get; init; } = [];

    /// <summary>The change awaiting assessment or the office's decision, if any.</summary>
    [JsonIgnore]
    public ChangeEntry? Open => Entries.LastOrDefault(e => e.Status == ChangeEntry.Submitted);

    public ChangesState With(ChangeEntry entry) =>
        this with { Entries = [.. Entries.Where(e => e.ChangeId != entry.ChangeId), entry] };
}

/// <summary>One change after approval: the changed cost lines, whether it needs approval (ANBest-P 1.2), the result.</summary>
public sealed record ChangeEntry
{
    public const string Submitted = "Submitted";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string NotRequired = "NotRequired";

    public required string ChangeId { get; init; }

    public required string Reason { get; init; }

    public required IReadOnlyList<CaseCostLine> CostLines { get; init; }

    public required bool RequiresApproval { get; init; }

    /// <summary>Why approval is needed (per cost line), as <see cref="Changes.ChangeRequestRule"/> found.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary><see cref="Submitted"/>, <see cref="Approved"/>, <see cref="Rejected"/> or <see cref="NotRequired"/>.</summary>
    public required string Status { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>How the project ended (variable <c>projectEnd</c>): reported by the applicant or reached by date.</summary>
public sealed record ProjectEndState(DateOnly EndedOn, string ReportedBy, DateTimeOffset At);

/// <summary>The applicant's withdrawal (variable <c>withdrawal</c>).</summary>
public sealed record WithdrawalState(string? Reason, DateTimeOffset At);

/// <summary>The repayment of a reclaim (variable <c>repayment</c>): overdue flag and dunning level, then what was received.</summary>
public sealed record RepaymentState
{
    public bool Overdue { get; init; }

    /// <summary>The last dunning sent (1 for the first); 0 before any.</summary>
    public int ReminderLevel { get; init; }

    public decimal? Principal { get; init; }

    public decimal? Interest { get; init; }

    public decimal? AmountReceived { get; init; }

    public DateOnly? PaidOn { get; init; }

    public DateTimeOffset? RecordedAt { get; init; }
}

/// <summary>Dates as the office reckons them: in German local time, a deadline day ending at midnight.</summary>
public static class FundingTime
{
    private static readonly TimeZoneInfo Germany = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The local (German) calendar day of <paramref name="moment"/>.</summary>
    public static DateOnly Day(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Germany).DateTime);

    /// <summary>The end of <paramref name="day"/> (24:00 German time), when a period ending that day lapses.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => At(day.AddDays(1).ToDateTime(TimeOnly.MinValue));

    /// <summary>The start of <paramref name="day"/> (0:00 German time), e.g. a value date as a moment.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => At(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>The moment a German wall-clock time is (a time typed into a form, a day's midnight).</summary>
    public static DateTimeOffset At(DateTime germanTime)
    {
        var local = DateTime.SpecifyKind(germanTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Germany.GetUtcOffset(local));
    }

    /// <summary>The last day of a legal period from an event day, moved to a working day (§§ 187–193 BGB).</summary>
    public static DateOnly Deadline(DateOnly eventDay, Period period, FederalState state) => LegalDeadline.Add(eventDay, period, state);

    public static Period ToPeriod(FundPeriod period) =>
        period.Unit == FundPeriodUnit.Months ? Period.Months(period.Count) : Period.Weeks(period.Count);

    /// <summary>
    /// The appeal deadline of a notice posted or sent on <paramref name="issuedOn"/>: deemed received on the fourth day
    /// after (§ 41 (2) VwVfG), then one month (§ 70 VwGO), moved off weekends and holidays.
    /// </summary>
    public static DateOnly AppealDeadline(DateOnly issuedOn, FederalState state) =>
        new Notification(NotificationPath.Post, issuedOn).AppealDeadline(state)!.Value;

    /// <summary>
    /// The end of the appeal period of a Bescheid made known by <paramref name="notice"/> (24:00 of its last day). A
    /// portal document not yet retrieved counts as retrieved on the last allowed day, the latest end it can have; the
    /// retrieval or the other notification then sets the real one.
    /// </summary>
    public static DateTimeOffset AppealDeadline(Notification notice, FundSettings fund)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(fund);
        var months = fund.Remedy?.PeriodMonths ?? 1;
        var day = notice.AppealDeadline(fund.FederalState, months) ?? notice.Retrieved(notice.RetrievalLapsesOn).AppealDeadline(fund.FederalState, months)!.Value;
        return EndOf(day);
    }
}
