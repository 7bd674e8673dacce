namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>
/// What the <see cref="SmtpCatcher"/> demands (STARTTLS, implicit TLS, AUTH as one user) and whether it holds back its
/// answer to a message's data until the file <see cref="HoldDataUntil"/> exists.
/// </summary>
public sealed record SmtpCatcherOptions(TestCertificate? StartTls = null, TestCertificate? ImplicitTls = null, (string Name, string Password)? User = null, string? HoldDataUntil = null);
