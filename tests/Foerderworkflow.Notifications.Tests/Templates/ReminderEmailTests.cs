using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Reminders;
using Foerderworkflow.Notifications.Templates;
using Foerderworkflow.Notifications.Tests.TestSupport;

namespace Foerderworkflow.Notifications.Tests.Templates;

/// <summary>The e-mails the reminder rungs send render in the worker, in German, with the due date.</summary>
public sealed class ReminderEmailTests
{
    private static readonly EmailRenderer Renderer = new(Samples.Options("/tmp/unused"));
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset DueAt = FundingTime.EndOf(new DateOnly(2026, 12, 7));

    private static readonly ApplicationCase Application = new()
    {
        ApplicationId = "AIF-2026-0042",
        FileNumber = "AIF-2026-0042",
        BudgetYear = 2026,
        ApplicantName = "Bunt statt braun e. V.",
        ApplicantEmail = "kontakt@buntstattbraun.example",
        Title = "Demokratiefest im Stadtteil",
        RequestedAmount = 400m,
        ProjectEnd = new DateOnly(2026, 10, 24),
    };

    private static readonly FundSettings Fund = FundSettings.From(DemoFunds.ActionFund(2026));

    [Theory]
    [InlineData(nameof(ProofOfUseDue), EmailTemplates.VerwendungsnachweisErinnerung, "Erinnerung: Verwendungsnachweis zu AIF-2026-0042 bis zum 07.12.2026", "bis zum 07.12.2026 einzureichen")]
    [InlineData(nameof(ProofOfUseDue), EmailTemplates.VerwendungsnachweisFaelligHeute, "Heute fällig: Verwendungsnachweis zu AIF-2026-0042", "ist heute, am 07.12.2026, fällig")]
    [InlineData(nameof(ProofOfUseOverdue), EmailTemplates.VerwendungsnachweisMahnung, "Mahnung: Verwendungsnachweis zu AIF-2026-0042 überfällig", "war am 07.12.2026 fällig")]
    [InlineData(nameof(RepaymentDue), EmailTemplates.RueckzahlungErinnerung, "Erinnerung: Rückzahlung zu AIF-2026-0042 bis zum 07.12.2026", "Bitte überweisen Sie den Betrag bis zum 07.12.2026")]
    [InlineData(nameof(RepaymentDue), EmailTemplates.RueckzahlungFaelligHeute, "Heute fällig: Rückzahlung zu AIF-2026-0042", "die Rückzahlung von 250,00 € zu Ihrem Antrag AIF-2026-0042 ist heute, am 07.12.2026, fällig")]
    [InlineData(nameof(RepaymentOverdue), EmailTemplates.RueckzahlungMahnung, "Mahnung: Rückzahlung zu AIF-2026-0042 überfällig", "die Rückzahlung von 250,00 € zu Ihrem Antrag AIF-2026-0042 war am 07.12.2026 fällig")]
    public void ReminderRung_RendersItsTemplateWithTheDueDay(string eventName, string template, string subject, string body)
    {
        var (_, email) = NotifyApplicantActivity.Compose("proofOfUse", eventName, template, suppressEmail: false, Variable, Now);

        var rendered = Renderer.Render(email!);

        Assert.Equal(subject, rendered.Subject);
        Assert.Contains(body, rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", rendered.Subject + rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dunning_WithTheLastDayBeforeTheOffice_NamesIt()
    {
        var (_, email) = NotifyApplicantActivity.Compose("proofOfUse", nameof(ProofOfUseOverdue), EmailTemplates.VerwendungsnachweisMahnung, suppressEmail: false, Variable, Now);
        email = email! with { Values = new Dictionary<string, string>(email.Values, StringComparer.Ordinal) { [EmailFields.NeueFrist] = "2026-12-27" } };

        Assert.Contains("Spätestens bis zum 27.12.2026 muss er uns vorliegen.", Renderer.Render(email).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeRequestAndSigningReminders_Render()
    {
        var reply = ReminderEmail.Compose(Application, Fund, EmailTemplates.Fristerinnerung, new Dictionary<string, string> { [EmailFields.Antwortfrist] = "2026-03-16" }, Now);
        var signing = ReminderEmail.Compose(Application, Fund, EmailTemplates.Unterschriftserinnerung, new Dictionary<string, string> { [EmailFields.Frist] = "2026-04-07" }, Now);

        Assert.Contains("Die Frist dafür endet am 16.03.2026.", Renderer.Render(reply).Text, StringComparison.Ordinal);
        Assert.Contains("bis zum 07.04.2026", Renderer.Render(signing).Text, StringComparison.Ordinal);
        Assert.Equal("kontakt@buntstattbraun.example", signing.To);
    }

    private static JsonNode? Variable(string name) => name switch
    {
        FundingVariables.Application => FundingVariables.ToJson(Application),
        FundingVariables.Fund => FundingVariables.ToJson(Fund),
        FundingVariables.ProofOfUse => FundingVariables.ToJson(new ProofOfUseState(DueAt, Overdue: true, ReminderLevel: 1, null, null, null)),
        FundingVariables.Review => FundingVariables.ToJson(new ReviewState("Reclaim", 150m, 250m, "AIF-2026-0042-R1", "Mittel nicht vollständig verwendet", DueAt, 6.27m)),
        FundingVariables.Repayment => FundingVariables.ToJson(new RepaymentState { ReminderLevel = 1 }),
        _ => null,
    };
}
