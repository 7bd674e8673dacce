using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Tests.Applications;

public sealed class ApplicationValidatorTests
{
    private static readonly DateOnly SubmittedOn = new(2026, 3, 2);
    private readonly Fund fund = DemoFunds.ActionFund(2026);

    [Fact]
    public void Validate_SampleApplication_HasNoErrors() =>
        Assert.Empty(ApplicationValidator.Validate(SampleApplications.Form(), fund, SubmittedOn));

    [Fact]
    public void Validate_InvalidIban_NamesApplicantIban()
    {
        var form = SampleApplications.Form() with { Applicant = SampleApplications.Form().Applicant with { Iban = "DE89370400440532013001" } };

        var error = Assert.Single(ApplicationValidator.Validate(form, fund, SubmittedOn));

        Assert.Equal("applicant.iban", error.Field);
    }

    [Fact]
    public void Validate_MissingAndOverlongTexts_NameEachField()
    {
        var form = SampleApplications.Form() with
        {
            Applicant = SampleApplications.Form().Applicant with { Email = "kein-at.de", ContactName = "" },
            Title = new string('x', ApplicationLimits.TitleLength + 1),
            Description = " ",
            TargetGroups = ["Jugendliche", ""],
            PlannedParticipants = 0,
        };

        var errors = ApplicationValidator.Validate(form, fund, SubmittedOn);

        Assert.Equal(["applicant.contactName", "applicant.email", "title", "description", "targetGroups[1]", "plannedParticipants"], errors.Select(e => e.Field));
        Assert.Contains("höchstens 150 Zeichen", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatePeriod_StartBeforeApproval_NamesStart()
    {
        var period = new ProjectPeriod(new DateOnly(2026, 4, 30), new DateOnly(2026, 6, 30));

        var error = Assert.Single(ApplicationValidator.ValidatePeriod(period, 2026, fund, earliestStart: new DateOnly(2026, 5, 4)));

        Assert.Equal("period.start", error.Field);
        Assert.Contains("04.05.2026", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatePeriod_EndInNextYear_NamesEnd()
    {
        var period = new ProjectPeriod(new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 15));

        Assert.Equal("period.end", Assert.Single(ApplicationValidator.ValidatePeriod(period, 2026, fund, SubmittedOn)).Field);
    }

    [Fact]
    public void ValidatePeriod_EndAfterFundsLatestEnd_NamesEnd()
    {
        var november = fund with { LatestProjectEnd = new MonthDay(11, 30) };
        var period = new ProjectPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1));

        var error = Assert.Single(ApplicationValidator.ValidatePeriod(period, 2026, november, SubmittedOn));

        Assert.Contains("30.11.2026", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatePeriod_EndBeforeStart_NamesEnd() =>
        Assert.Equal("period.end", Assert.Single(ApplicationValidator.ValidatePeriod(new ProjectPeriod(new DateOnly(2026, 6, 2), new DateOnly(2026, 6, 1)), 2026, fund, SubmittedOn)).Field);

    [Fact]
    public void Validate_YearWithoutBudget_NamesBudgetYear()
    {
        var form = SampleApplications.Form() with { BudgetYear = 2027, Period = new ProjectPeriod(new DateOnly(2027, 5, 1), new DateOnly(2027, 6, 1)) };

        Assert.Equal("budgetYear", Assert.Single(ApplicationValidator.Validate(form, fund, SubmittedOn)).Field);
    }
}
