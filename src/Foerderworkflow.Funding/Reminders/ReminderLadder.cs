using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Reminders;

/// <summary>
/// When an applicant is reminded of a due date: offsets in calendar days relative to the due day (negative before,
/// 0 on the day, positive after as dunning), in ascending order. A rung fires at the start of its day in Germany
/// (00:00 Europe/Berlin, i.e. 24:00 of the day before), so the on-the-day reminder arrives while the day is still
/// open. <see cref="EscalateAt"/> names the rung after which the office takes over (a task for the office).
/// </summary>
/// <remarks>
/// The due day itself is the legal deadline (§§ 187–193 BGB, already moved off weekends and holidays); the rungs are
/// courtesy e-mails, not deadlines, so they are not moved again.
/// </remarks>
public sealed record ReminderLadder
{
    public const int MaxRungs = 10;
    public const int MaxOffsetDays = 366;

    /// <summary>No reminders: the step waits for its due date alone.</summary>
    public static ReminderLadder None { get; } = new() { Offsets = [] };

    /// <summary>Proof of use: 14 and 3 days before, on the day, dunning after 7 and 21 days, then the office.</summary>
    public static ReminderLadder ProofOfUseDefault { get; } = new() { Offsets = [-14, -3, 0, 7, 21], EscalateAt = 21 };

    /// <summary>Reply to a change request (two weeks): 3 days before and on the day; afterwards the application lapses.</summary>
    public static ReminderLadder ChangeRequestReplyDefault { get; } = new() { Offsets = [-3, 0] };

    /// <summary>Signing the grant agreement: a week before the appeal period ends (then the grant is final anyway).</summary>
    public static ReminderLadder GrantSigningDefault { get; } = new() { Offsets = [-7] };

    /// <summary>Repaying a reclaim: a week before, on the day, dunning after 14 and 28 days, then the office.</summary>
    public static ReminderLadder ReclaimRepaymentDefault { get; } = new() { Offsets = [-7, 0, 14, 28], EscalateAt = 28 };

    /// <summary>Days relative to the due day, ascending and distinct.</summary>
    public required IReadOnlyList<int> Offsets { get; init; }

    /// <summary>The offset whose rung hands the case to the office; <see langword="null"/>: none does.</summary>
    public int? EscalateAt { get; init; }

    public bool IsEmpty => Offsets.Count == 0;

    /// <summary>The rungs for a due day, in order, each with the moment it fires.</summary>
    public IReadOnlyList<ReminderRung> Rungs(DateOnly dueDay)
    {
        var rungs = new List<ReminderRung>(Offsets.Count);
        var dunning = 0;
        for (var i = 0; i < Offsets.Count; i++)
        {
            var offset = Offsets[i];
            var day = dueDay.AddDays(offset);
            var kind = offset < 0 ? ReminderKind.Before : offset == 0 ? ReminderKind.OnTheDay : ReminderKind.Dunning;
            rungs.Add(new ReminderRung(i, offset, day, StartOf(day), kind, EscalateAt == offset, kind == ReminderKind.Dunning ? ++dunning : 0));
        }

        return rungs;
    }

    /// <summary>The rung with <paramref name="index"/> for <paramref name="dueDay"/>, or <see langword="null"/> if the ladder has none.</summary>
    public ReminderRung? Rung(DateOnly dueDay, int index) => index >= 0 && index < Offsets.Count ? Rungs(dueDay)[index] : null;

    /// <summary>The last day to answer before the office takes over (the day before the escalating rung), if one does.</summary>
    public DateOnly? LastDayBeforeEscalation(DateOnly dueDay) => EscalateAt is { } offset ? dueDay.AddDays(offset - 1) : null;

    /// <summary>00:00 Europe/Berlin at the start of <paramref name="day"/> (= 24:00 of the day before).</summary>
    public static DateTimeOffset StartOf(DateOnly day) => FundingTime.EndOf(day.AddDays(-1));

    /// <summary>Broken rules, with field paths below <paramref name="field"/>.</summary>
    public IReadOnlyList<ValidationError> Validate(string field)
    {
        var errors = new List<ValidationError>();
        if (Offsets is null)
        {
            errors.Add(new ValidationError($"{field}.offsets", "Die Erinnerungsstufen fehlen."));
            return errors;
        }

        if (Offsets.Count > MaxRungs)
        {
            errors.Add(new ValidationError($"{field}.offsets", $"Höchstens {MaxRungs} Erinnerungsstufen sind möglich."));
        }

        for (var i = 0; i < Offsets.Count; i++)
        {
            if (Math.Abs(Offsets[i]) > MaxOffsetDays)
            {
                errors.Add(new ValidationError($"{field}.offsets[{i}]", $"Eine Erinnerung darf höchstens {MaxOffsetDays} Tage vor oder nach der Frist liegen."));
            }
            else if (i > 0 && Offsets[i] <= Offsets[i - 1])
            {
                errors.Add(new ValidationError($"{field}.offsets[{i}]", "Die Erinnerungsstufen müssen aufsteigend und verschieden sein."));
            }
        }

        if (EscalateAt is { } escalate && !Offsets.Contains(escalate))
        {
            errors.Add(new ValidationError($"{field}.escalateAt", "Die Übergabe an das Amt muss eine der Erinnerungsstufen sein."));
        }

        return errors;
    }
}

/// <summary>One reminder of a ladder for a concrete due day.</summary>
/// <param name="Index">Position in the ladder (0-based); identifies the rung's bookmark.</param>
/// <param name="OffsetDays">Days relative to the due day.</param>
/// <param name="Day">The calendar day it belongs to.</param>
/// <param name="At">When it fires: 00:00 Europe/Berlin at the start of <paramref name="Day"/>.</param>
/// <param name="Kind">Before the due day, on it, or dunning after it.</param>
/// <param name="Escalates">After this rung the office takes over.</param>
/// <param name="DunningLevel">1 for the first dunning, 2 for the second …; 0 for reminders.</param>
public sealed record ReminderRung(int Index, int OffsetDays, DateOnly Day, DateTimeOffset At, ReminderKind Kind, bool Escalates, int DunningLevel);

public enum ReminderKind
{
    Before,
    OnTheDay,
    Dunning,
}
