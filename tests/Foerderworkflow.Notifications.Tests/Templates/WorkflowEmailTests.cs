using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Notifications.Templates;
using Foerderworkflow.Notifications.Tests.TestSupport;

namespace Foerderworkflow.Notifications.Tests.Templates;

/// <summary>
/// Every e-mail the workflow step <see cref="NotifyApplicantActivity"/> sends renders in the worker: the step's
/// template names and value keys are the worker's, its values are in the formats the worker reads.
/// </summary>
public sealed class WorkflowEmailTests
{
    private const string FileNumber = "AIF-2026-0042";
    private static readonly EmailRenderer Renderer = new(Samples.Options("/tmp/unused"));
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Lapses at the end of 15 March 2026, German time.</summary>
    private static readonly DateTimeOffset EndOf15March = FundingTime.EndOf(new DateOnly(2026, 3, 15));

    /// <summary>What the German body must show for each event that sends an e-mail.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        [nameof(ApplicationSubmitted)] = ["„Demokratiefest im Stadtteil“", "Förderprogramm Aktions- und Initiativfonds Herten (2026)"],
        [nameof(ChangeRequested)] = ["- Finanzierungsplan unvollständig", "bis zum 15.03.2026"],
        [nameof(PutToVote)] = ["Begleitausschuss, Sitzung am 15.03.2026, 18:00 Uhr.", "Ort der Sitzung: Rathaus Herten, Ratssaal."],
        [nameof(ApplicationApproved)] = ["wird mit 1.234,56 € aus dem Förderprogramm Aktions- und Initiativfonds Herten (2026)", "- Logo der Partnerschaft verwenden", "bis zum 15.03.2026 auf Ihrer Statusseite an"],
        [nameof(GrantAccepted)] = ["Sie können die Mittel jetzt auf Ihrer Statusseite abrufen"],
        [nameof(ChangeApproved)] = ["hat Ihren Änderungsantrag zu Ihrem Antrag AIF-2026-0042 genehmigt"],
        [nameof(ChangeRejected)] = ["Änderungsantrag zu Ihrem Antrag AIF-2026-0042 nicht genehmigt", "- Eine zweite Referentin ist für drei Abende nicht nötig", "Rechtsbehelf"],
        [nameof(VoteDeferred)] = ["hat das Gremium (Begleitausschuss) noch nicht entschieden", "- Das Gremium hat die Beratung auf eine spätere Sitzung verschoben."],
        [nameof(ProofOfUseSubmitted)] = ["Sie geben Ausgaben von 1.100,00 € an"],
        [nameof(ApplicationWithdrawn)] = ["Ihr Antrag AIF-2026-0042 ist zurückgezogen"],
        [nameof(ApplicationRejected)] = ["- Kein Bezug zu den Zielen der Partnerschaft"],
        [nameof(ProofOfUseDue)] = ["bis zum 15.03.2026 einzureichen"],
        [nameof(ProofOfUseOverdue)] = ["war am 15.03.2026 fällig"],
        [nameof(ReclaimRaised)] = ["in Höhe von 1.234,56 €", "Bitte überweisen Sie 1.234,56 € bis zum 15.03.2026", "- Mittel nicht vollständig verwendet"],
        [nameof(RepaymentDue)] = ["Fördermittel in Höhe von 1.234,56 € zurückgefordert", "bis zum 15.03.2026"],
        [nameof(RepaymentOverdue)] = ["die Rückzahlung von 1.234,56 €", "war am 15.03.2026 fällig"],
        [nameof(ApplicationClosed)] = ["das Förderverfahren ist damit abgeschlossen"],
        [nameof(PayoutOrdered)] = ["wir haben 900,00 € zu Ihrem Antrag AIF-2026-0042 zur Auszahlung angewiesen", "am 05.03.2026"],
    };

    public static TheoryData<string> EmailEvents() => [.. NotifyApplicantActivity.DefaultTemplates.Where(pair => pair.Value is not null).Select(pair => pair.Key)];

    public static TheoryData<string> SilentEvents() => [.. NotifyApplicantActivity.DefaultTemplates.Where(pair => pair.Value is null).Select(pair => pair.Key)];

    [Theory]
    [MemberData(nameof(EmailEvents))]
    public void EmailOfTheEvent_RendersInGermanWithFileNumberAmountsAndDates(string eventName)
    {
        var (_, email) = NotifyApplicantActivity.Compose("notify", eventName, template: null, suppressEmail: false, Variable, Now);

        Assert.NotNull(email);
        var rendered = Renderer.Render(email);   // throws EmailTemplateException on an unknown template or a missing/malformed value

        Assert.Contains(FileNumber, rendered.Subject + rendered.Text, StringComparison.Ordinal);
        Assert.True(Expected.TryGetValue(eventName, out var expected), $"No expectation for {eventName}.");
        foreach (var text in expected)
        {
            Assert.Contains(text, rendered.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", rendered.Subject + rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("herten-aif", rendered.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SilentEvents))]
    public void EventWithoutApplicantEmail_SendsNone_UnlessATemplateIsGiven(string eventName)
    {
        var (message, email) = NotifyApplicantActivity.Compose("notify", eventName, template: null, suppressEmail: false, Variable, Now);
        var (_, explicitEmail) = NotifyApplicantActivity.Compose("notify", eventName, EmailTemplates.Abschluss, suppressEmail: false, Variable, Now);

        Assert.Equal(FileNumber, message["applicationId"]!.GetValue<string>());
        Assert.Null(email);
        Assert.Contains("Abschluss Ihres Förderprojekts AIF-2026-0042", Renderer.Render(explicitEmail!).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void PutToVote_WrittenProcedure_SaysUntilWhenTheMembersVote_AndInvitesToNoSession()
    {
        var variables = Variables();
        variables[FundingVariables.Routing] = FundingVariables.ToJson(new RoutingState("WrittenProcedure", "Begleitausschuss", "WrittenProcedure", null, new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero), null));

        var (message, email) = NotifyApplicantActivity.Compose("notify", nameof(PutToVote), template: null, suppressEmail: false, name => variables.GetValueOrDefault(name), Now);
        var rendered = Renderer.Render(email!);

        Assert.Equal(EmailTemplates.Umlaufverfahren, email!.Template);
        Assert.Equal("WrittenProcedure", message["procedure"]!.GetValue<string>());
        Assert.Contains("im Umlaufverfahren", rendered.Subject, StringComparison.Ordinal);
        Assert.Contains("bis zum 20.03.2026, 13:00 Uhr schriftlich ab", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sitzung am", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_AreMachineFormats()
    {
        var (_, email) = NotifyApplicantActivity.Compose("notify", nameof(ReclaimRaised), template: null, suppressEmail: false, Variable, Now);

        Assert.Equal("1234.56", email!.Values[EmailFields.Betrag]);
        Assert.Equal("2026-03-15", email.Values[EmailFields.Faelligkeit]);
        Assert.Equal(FileNumber, email.Values[EmailFields.Aktenzeichen]);
    }

    private static JsonNode? Variable(string name) => Variables().GetValueOrDefault(name);

    /// <summary>The workflow variables as the earlier steps of the action fund's workflow set them.</summary>
    private static Dictionary<string, JsonNode?> Variables() => new(StringComparer.Ordinal)
    {
        [FundingVariables.Application] = FundingVariables.ToJson(new ApplicationCase
        {
            ApplicationId = FileNumber,
            FileNumber = FileNumber,
            BudgetYear = 2026,
            ApplicantName = "Bunt statt braun e. V.",
            ApplicantEmail = "kontakt@buntstattbraun.example",
            Title = "Demokratiefest im Stadtteil",
            RequestedAmount = 2_000m,
            ProjectStart = new DateOnly(2026, 5, 1),
            ProjectEnd = new DateOnly(2026, 9, 30),
        }),
        [FundingVariables.Fund] = FundingVariables.ToJson(FundSettings.From(DemoFunds.ActionFund(2026))),
        [FundingVariables.ChangeRequest] = FundingVariables.ToJson(new ChangeRequestState("AIF-2026-0042-N1", "Finanzierungsplan unvollständig", new DateOnly(2026, 3, 15), EndOf15March, 1)),
        [FundingVariables.Routing] = FundingVariables.ToJson(new RoutingState("Committee", "Begleitausschuss", "Session", new DateTimeOffset(2026, 3, 15, 18, 0, 0, TimeSpan.FromHours(1)), null, "TOP 4", "Rathaus Herten, Ratssaal")),
        [FundingVariables.Resolution] = FundingVariables.ToJson(new ResolutionState("Recommend", 2, 1, 0, null, null)),
        [FundingVariables.Decision] = FundingVariables.ToJson(new DecisionState
        {
            DecisionId = "AIF-2026-0042-B1",
            Outcome = "Approved",
            Amount = 1_234.56m,
            Conditions = ["Logo der Partnerschaft verwenden"],
            Reasons = ["Kein Bezug zu den Zielen der Partnerschaft"],
            DecidedAt = Now,
            AppealDeadline = EndOf15March,
        }),
        [FundingVariables.Acceptance] = FundingVariables.ToJson(new AcceptanceState("AppealWaived", "Erika Muster", Now)),
        [FundingVariables.ProofOfUse] = FundingVariables.ToJson(new ProofOfUseState(EndOf15March, true, 1, 1_100m, "Drei Abende mit 46 Teilnehmenden", Now)),
        [FundingVariables.Review] = FundingVariables.ToJson(new ReviewState("Reclaim", 765.44m, 1_234.56m, "AIF-2026-0042-R1", "Mittel nicht vollständig verwendet", EndOf15March, 5m)),
        [FundingVariables.Payouts] = FundingVariables.ToJson(new PayoutsState
        {
            Entries = [new PayoutEntry
            {
                PayoutId = "AIF-2026-0042-A1", RequestedAmount = 900m, Expenditures = [new PlannedExpense(new DateOnly(2026, 4, 10), 900m, "Honorare")],
                RequestedAt = Now, Status = PayoutEntry.Ordered, OrderedAmount = 900m, PayOn = new DateOnly(2026, 3, 5), DecidedAt = Now,
            }],
        }),
        [FundingVariables.Changes] = FundingVariables.ToJson(new ChangesState
        {
            Entries = [new ChangeEntry
            {
                ChangeId = "AIF-2026-0042-AE1", Reason = "Zweite Referentin", CostLines = [new CaseCostLine("Honorar", 1_300m)], RequiresApproval = true,
                SubmittedAt = Now, Status = ChangeEntry.Approved, DecidedAt = Now, Reasons = ["Eine zweite Referentin ist für drei Abende nicht nötig"],
            }],
        }),
        [FundingVariables.Withdrawal] = FundingVariables.ToJson(new WithdrawalState("Die Veranstaltung fällt aus", Now)),
        [FundingVariables.Repayment] = FundingVariables.ToJson(new RepaymentState { Principal = 1_234.56m, Interest = 10m, AmountReceived = 1_244.56m, PaidOn = new DateOnly(2026, 3, 10), RecordedAt = Now }),
    };
}
