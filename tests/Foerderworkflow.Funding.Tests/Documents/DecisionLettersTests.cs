using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Documents;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Tests.Documents;

public sealed class DecisionLettersTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 4, 14, 9, 30, 0, TimeSpan.FromHours(2));

    private static readonly ApplicationCase Application = new()
    {
        ApplicationId = "a1",
        FileNumber = "AIF-2026-0042",
        BudgetYear = 2026,
        ApplicantName = "Bürgerverein Scherlebeck e. V.",
        ApplicantEmail = "verein@example.org",
        Title = "Demokratiewerkstatt für Jugendliche",
        RequestedAmount = 2_400m,
        ProjectStart = new DateOnly(2026, 5, 1),
        ProjectEnd = new DateOnly(2026, 9, 30),
        CostLines = [new CaseCostLine("Honorare Referentinnen", 1_800m), new CaseCostLine("Raummiete und Verpflegung", 900m)],
        OwnFunds = 300m,
        ThirdPartyFunds = 0m,
    };

    private static FundSettings Fund => FundSettings.From(DemoFunds.ActionFund(2026));

    [Fact]
    public void Grant_NamesNumberAmountsDatesConditionsAndTheCourt()
    {
        var decision = new DecisionState
        {
            DecisionId = "a1-B", Outcome = "Approved", Amount = 2_150.5m, Conditions = ["Öffentlichkeitsarbeit mit dem Logo des Bundesprogramms"],
            DecidedAt = IssuedAt, AppealDeadline = IssuedAt, Recommendation = "RecommendWithConditions", DeviationReason = "Verpflegung ist nur anteilig förderfähig.",
        };
        var resolution = new ResolutionState("RecommendWithConditions", 5, 1, 0, "Teilnehmendenliste führen", null);
        var header = new DocumentHeader("a1-GrantDecision-1", "AIF-2026-0042/ZB1", DocumentKind.GrantDecision, IssuedAt);
        var notice = new Notification(NotificationPath.Electronic, new DateOnly(2026, 4, 14));

        var pdf = LetterPdf.Render(DecisionLetters.Grant(header, Application, Fund, decision, resolution, notice, new DateOnly(2026, 11, 11)), IssuedAt);
        var text = PdfText.Read(pdf);

        Assert.Contains("Zuwendungsbescheid", text, StringComparison.Ordinal);
        Assert.Contains("AIF-2026-0042/ZB1", text, StringComparison.Ordinal);
        Assert.Contains("Aktenzeichen: AIF-2026-0042", text, StringComparison.Ordinal);
        Assert.Contains("Datum: 14.04.2026", text, StringComparison.Ordinal);
        Assert.Contains("eine Zuwendung in Höhe von 2.150,50 €", text, StringComparison.Ordinal);
        Assert.Contains("Bewilligungszeitraum: 01.05.2026 bis 30.09.2026", text, StringComparison.Ordinal);
        Assert.Contains("Fehlbedarfsfinanzierung", text, StringComparison.Ordinal);
        Assert.Contains("Honorare Referentinnen 1.800,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Gesamtausgaben 2.700,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Eigenmittel 300,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Auflage aus dem Votum des Gremiums: Teilnehmendenliste führen", text, StringComparison.Ordinal);
        Assert.Contains("Öffentlichkeitsarbeit mit dem Logo des Bundesprogramms", text, StringComparison.Ordinal);
        Assert.Contains("ANBest-P", text, StringComparison.Ordinal);
        Assert.Contains("innerhalb von sechs Wochen", text, StringComparison.Ordinal);
        Assert.Contains("bis zum 11.11.2026 mit einem Sachbericht", text, StringComparison.Ordinal);
        Assert.Contains("§ 49a Abs. 3 VwVfG", text, StringComparison.Ordinal);
        Assert.Contains("gilt am 18.04.2026 als bekannt gegeben", text, StringComparison.Ordinal);
        Assert.Contains("Klage bei dem Verwaltungsgericht Gelsenkirchen, Bahnhofsvorplatz 3, 45879 Gelsenkirchen, erhoben werden", text, StringComparison.Ordinal);
        Assert.Contains("§ 110 des Justizgesetzes Nordrhein-Westfalen", text, StringComparison.Ordinal);
        Assert.Contains("Erika Muster", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Widerspruch erhoben", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejection_GivesItsReasons_AndTheSameBelehrungAsTheEmail()
    {
        var decision = new DecisionState
        {
            DecisionId = "a1-B", Outcome = "Rejected", Reasons = ["Das Projekt hat bereits vor der Bewilligung begonnen."], DecidedAt = IssuedAt, AppealDeadline = IssuedAt,
        };
        var header = new DocumentHeader("a1-RejectionDecision-1", "AIF-2026-0042/AB1", DocumentKind.RejectionDecision, IssuedAt, "a1-GrantDecision-1", "AIF-2026-0042/ZB1");

        var text = PdfText.Read(LetterPdf.Render(
            DecisionLetters.Rejection(header, Application, Fund, decision, new Notification(NotificationPath.Post, new DateOnly(2026, 4, 14))), IssuedAt));

        Assert.Contains("Ablehnungsbescheid", text, StringComparison.Ordinal);
        Assert.Contains("lehne ich ab", text, StringComparison.Ordinal);
        Assert.Contains("Das Projekt hat bereits vor der Bewilligung begonnen.", text, StringComparison.Ordinal);
        Assert.Contains("Dieser Bescheid ersetzt den Bescheid AIF-2026-0042/ZB1.", text, StringComparison.Ordinal);
        Assert.Contains("zur Post gegeben und gilt am 18.04.2026 als bekannt gegeben", text, StringComparison.Ordinal);
        Assert.Contains(string.Join(' ', Fund.RemedyNotice().Split(' ', StringSplitOptions.RemoveEmptyEntries)), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reclaim_ShowsTheInterestAsATable()
    {
        var review = new ReviewState("Reclaim", 1_500m, 650m, "a1-R1", "Die Honorare fielen niedriger aus.", FundingTime.EndOf(new DateOnly(2026, 12, 15)), 6.27m)
        {
            ReclaimAmount = 650m, InterestFrom = new DateOnly(2026, 10, 1),
        };
        var header = new DocumentHeader("a1-ReclaimDecision-1", "AIF-2026-0042/RB1", DocumentKind.ReclaimDecision, IssuedAt);

        var text = PdfText.Read(LetterPdf.Render(
            DecisionLetters.Reclaim(header, Application, Fund, review, "AIF-2026-0042/ZB1", new DateOnly(2026, 12, 15), new Notification(NotificationPath.Electronic, new DateOnly(2026, 11, 16))), IssuedAt));

        Assert.Contains("Rückforderungs- und Zinsbescheid", text, StringComparison.Ordinal);
        Assert.Contains("in Höhe von 650,00 €", text, StringComparison.Ordinal);
        Assert.Contains("bis zum 15.12.2026 zu erstatten", text, StringComparison.Ordinal);
        Assert.Contains("ab dem 01.10.2026", text, StringComparison.Ordinal);
        Assert.Contains("Zinsen bis zur Fälligkeit 75", text, StringComparison.Ordinal);
        Assert.Contains("Verwaltungsgericht Gelsenkirchen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FundTexts_ReplaceTheDefaultPassage()
    {
        var fund = Fund with { DocumentTexts = new Dictionary<string, string> { [DocumentTexts.RejectionReasons] = "Der Begleitausschuss Herten und das Amt haben entschieden:" } };
        var decision = new DecisionState { DecisionId = "a1-B", Outcome = "Rejected", Reasons = ["Kein Bezug zum Fonds."], DecidedAt = IssuedAt, AppealDeadline = IssuedAt };
        var header = new DocumentHeader("a1-RejectionDecision-1", "AIF-2026-0042/AB1", DocumentKind.RejectionDecision, IssuedAt);

        var text = PdfText.Read(LetterPdf.Render(DecisionLetters.Rejection(header, Application, fund, decision, new Notification(NotificationPath.Post, new DateOnly(2026, 4, 14))), IssuedAt));

        Assert.Contains("Der Begleitausschuss Herten und das Amt haben entschieden:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Die Entscheidung beruht auf folgenden Gründen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FundTexts_WithAnUnknownKey_AreRefusedNamingTheField()
    {
        var fund = DemoFunds.ActionFund(2026) with { DocumentTexts = new Dictionary<string, string> { ["gibt.es.nicht"] = "x" } };

        var error = Assert.Single(fund.Validate());

        Assert.Equal("documentTexts.gibt.es.nicht", error.Field);
    }
}
