using Foerderworkflow.Contracts;

namespace Foerderworkflow.Notifications.Tests.TestSupport;

public static class Samples
{
    public static SendEmail Approval(string to = "verein@example.org") => new()
    {
        ApplicationId = "AIF-2026-0042",
        Fund = "Aktions- und Initiativfonds",
        BudgetYear = 2026,
        RequestedAt = new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.FromHours(1)),
        To = to,
        Template = "Bewilligung",
        Values = new Dictionary<string, string>
        {
            ["Betrag"] = "1234.56",
            ["Auflagen"] = "Verwendungsnachweis bis 31.03.2027\nÖffentlichkeitsarbeit mit Förderhinweis",
        },
    };

    public static SendSignInLink SignInLink(string to = "verein@example.org") => new()
    {
        To = to,
        Link = new Uri("https://foerderung.example.de/portal/anmelden/link?code=q0KzGx9Xn3bV1tHcFh2m8Yw7uRj5pLs4aDe6iOk0Z1c"),
        ExpiresAt = new DateTimeOffset(2026, 3, 15, 9, 15, 0, TimeSpan.FromHours(1)),
        RequestedAt = new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.FromHours(1)),
    };

    public static NotificationOptions Options(string directory, MailTransportKind transport = MailTransportKind.Pickup, int smtpPort = 25) => new()
    {
        Transport = transport,
        PickupDirectory = Path.Combine(directory, "mail"),
        ProcessedMessagesConnectionString = $"Data Source={Path.Combine(directory, "notifications.db")}",
        StatusPageBaseUrl = "https://foerderung.example.de/portal",
        FromAddress = "foerderung@example.de",
        FromName = "Partnerschaft für Demokratie Musterstadt",
        Smtp = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = smtpPort,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = 100,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(300),
            BreakDuration = TimeSpan.FromMilliseconds(500),
            BreakerSamplingDuration = TimeSpan.FromSeconds(2),
        },
        Retry = new NotificationRetryOptions { Limit = 2, MinInterval = TimeSpan.FromMilliseconds(20), MaxInterval = TimeSpan.FromMilliseconds(100), IntervalDelta = TimeSpan.FromMilliseconds(20) },
    };
}
