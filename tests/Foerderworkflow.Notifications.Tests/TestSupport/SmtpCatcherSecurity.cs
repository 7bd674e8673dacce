namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>What the <see cref="SmtpCatcher"/> demands: STARTTLS, implicit TLS (SMTPS) and/or AUTH as one user.</summary>
public sealed record SmtpCatcherSecurity(TestCertificate? StartTls = null, TestCertificate? ImplicitTls = null, (string Name, string Password)? User = null);
