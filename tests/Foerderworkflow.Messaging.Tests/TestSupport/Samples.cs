using Foerderworkflow.Contracts;

namespace Foerderworkflow.Messaging.Tests.TestSupport;

/// <summary>Contract instances as a funding workflow would write them.</summary>
public static class Samples
{
    public static ApplicationSubmitted Submitted(string applicationId) => new()
    {
        ApplicationId = applicationId,
        Fund = "Kulturfonds",
        BudgetYear = 2026,
        OccurredAt = OutboxDatabase.T0,
        FileNumber = "KF-2026-0042",
        ApplicantName = "Jugendclub Süd e. V.",
        ApplicantEmail = "vorstand@jugendclub-sued.example",
        Title = "Sommerfest für alle",
        RequestedAmount = MoneyAmount.Euro(4_800.50m),
    };

    public static ApplicationApproved Approved(string applicationId, decimal amount = 4_500m) => new()
    {
        ApplicationId = applicationId,
        Fund = "Kulturfonds",
        BudgetYear = 2026,
        OccurredAt = OutboxDatabase.T0.AddDays(30),
        DecisionId = $"B-{applicationId}",
        ApprovedAmount = MoneyAmount.Euro(amount),
        Conditions = ["Verwendungsnachweis bis 31.03.2027", "Förderhinweis auf Plakaten"],
    };

    public static PayoutOrdered PayoutOrdered(string applicationId, int number) => new()
    {
        ApplicationId = applicationId,
        Fund = "Kulturfonds",
        BudgetYear = 2026,
        OccurredAt = OutboxDatabase.T0.AddDays(40 + number),
        PayoutId = $"P-{applicationId}-{number}",
        Amount = MoneyAmount.Euro(100m * number),
        PayOn = OutboxDatabase.T0.AddDays(45 + number),
    };

    /// <summary>The approval e-mail the funding workflow sends with an approval (NotifyApplicant).</summary>
    public static SendEmail ApprovalEmail(string applicationId, decimal amount = 4_500m) => new()
    {
        ApplicationId = applicationId,
        Fund = "Kulturfonds",
        BudgetYear = 2026,
        RequestedAt = OutboxDatabase.T0.AddDays(30),
        To = "vorstand@jugendclub-sued.example",
        Template = EmailTemplates.Bewilligung,
        Values = new Dictionary<string, string>
        {
            [EmailFields.Betrag] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [EmailFields.Auflagen] = "Verwendungsnachweis bis 31.03.2027",
        },
    };
}
