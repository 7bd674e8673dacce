using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Reminders;
using Foerderworkflow.Funding.Tests.Activities;

namespace Foerderworkflow.Funding.Tests.Reminders;

public sealed class ReminderLadderTests
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    [Fact]
    public void Rungs_ProofOfUseDefault_FireAtTheStartOfTheirDayInGermany()
    {
        // Project end Fri 20 Nov 2026 + 6 weeks = Fri 1 Jan 2027 (New Year) → § 193 BGB: Mon 4 Jan 2027.
        var fund = FundSettings.From(DemoFunds.ActionFund(2026));
        var due = ProofOfUseActivity.DueDay(FundingEngine.Application() with { ProjectEnd = new DateOnly(2026, 11, 20) }, fund);
        Assert.Equal(new DateOnly(2027, 1, 4), due);

        var rungs = ReminderLadder.ProofOfUseDefault.Rungs(due);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 12, 21, 0, 0, 0, Winter),
                new DateTimeOffset(2027, 1, 1, 0, 0, 0, Winter),
                new DateTimeOffset(2027, 1, 4, 0, 0, 0, Winter),
                new DateTimeOffset(2027, 1, 11, 0, 0, 0, Winter),
                new DateTimeOffset(2027, 1, 25, 0, 0, 0, Winter),
            ],
            rungs.Select(r => r.At));
        Assert.Equal([ReminderKind.Before, ReminderKind.Before, ReminderKind.OnTheDay, ReminderKind.Dunning, ReminderKind.Dunning], rungs.Select(r => r.Kind));
        Assert.Equal([0, 0, 0, 1, 2], rungs.Select(r => r.DunningLevel));
        Assert.Equal([false, false, false, false, true], rungs.Select(r => r.Escalates));
        Assert.Equal(new DateOnly(2027, 1, 24), ReminderLadder.ProofOfUseDefault.LastDayBeforeEscalation(due));
    }

    [Fact]
    public void Rungs_InSummer_AreMidnightSummerTime_AndTheOnTheDayRungIsTheEndOfTheDayBefore()
    {
        var rung = new ReminderLadder { Offsets = [0] }.Rungs(new DateOnly(2026, 7, 15))[0];

        Assert.Equal(new DateTimeOffset(2026, 7, 15, 0, 0, 0, Summer), rung.At);
        Assert.Equal(FundingTime.EndOf(new DateOnly(2026, 7, 14)), rung.At);
    }

    [Fact]
    public void Rungs_AcrossTheChangeToSummerTime_KeepMidnightLocal()
    {
        // Due Tue 31 Mar 2026; the clocks went forward on Sun 29 Mar.
        var rungs = new ReminderLadder { Offsets = [-3, 0] }.Rungs(new DateOnly(2026, 3, 31));

        Assert.Equal([new DateTimeOffset(2026, 3, 28, 0, 0, 0, Winter), new DateTimeOffset(2026, 3, 31, 0, 0, 0, Summer)], rungs.Select(r => r.At));
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(ReminderSettings.Default.Validate("reminders"));
        Assert.Empty(DemoFunds.ActionFund(2026).Validate());
    }

    [Fact]
    public void Validate_UnorderedOffsetsAndForeignEscalation_NameTheFields()
    {
        var fund = DemoFunds.ActionFund(2026) with
        {
            Reminders = new ReminderSettings { ProofOfUse = new ReminderLadder { Offsets = [-3, -14, 400], EscalateAt = 21 } },
        };

        var errors = fund.Validate();

        Assert.Equal(["reminders.proofOfUse.offsets[1]", "reminders.proofOfUse.offsets[2]", "reminders.proofOfUse.escalateAt"], errors.Select(e => e.Field));
        Assert.Contains("aufsteigend", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FundSettings_CarryTheFundsLadders_AndOldInstancesWithoutThemGetTheDefaults()
    {
        var custom = new ReminderSettings { ProofOfUse = new ReminderLadder { Offsets = [-7, 14], EscalateAt = 14 } };
        var settings = FundSettings.From(DemoFunds.ActionFund(2026) with { Reminders = custom, CapPerProject = Money.FromEuros(1_000m) });
        var json = FundingVariables.ToJson(settings);

        Assert.Equal([-7, 14], System.Text.Json.JsonSerializer.Deserialize<FundSettings>(json, FundingVariables.Json)!.Reminders.ProofOfUse.Offsets);
        json.Remove("reminders");
        Assert.Equal(ReminderLadder.ProofOfUseDefault.Offsets, System.Text.Json.JsonSerializer.Deserialize<FundSettings>(json, FundingVariables.Json)!.Reminders.ProofOfUse.Offsets);
    }
}
