using Xunit.Abstractions;

namespace Foerderworkflow.ChaosTests;

/// <summary>
/// Issue 12's chaos suite: funding cases go through submission and approval over HTTP while the server (and on
/// RabbitMQ each worker process) is killed with SIGKILL and restarted, and the broker and the SMTP server go away and
/// come back. Afterwards every acknowledged application is stored and approved, with exactly one receipt, one approval
/// e-mail and one ledger booking. One test per store and bus; they run one after another (one class).
/// </summary>
public sealed class KillAndRestartTests(ITestOutputHelper output)
{
    [Fact]
    public Task Sqlite_RabbitMq_ProcessesKilledBrokerAndSmtpAway_EachAcknowledgedCaseOnceMailedAndBooked() =>
        new ChaosRun(ChaosVariant.Of("Sqlite", "RabbitMQ", seed: 12), output).RunAsync();

    [Fact]
    public Task PostgreSql_RabbitMq_ProcessesKilledBrokerAndSmtpAway_EachAcknowledgedCaseOnceMailedAndBooked() =>
        new ChaosRun(ChaosVariant.Of("PostgreSql", "RabbitMQ", seed: 21), output).RunAsync();

    [Fact]
    public Task Sqlite_InMemory_ServerKilled_EachAcknowledgedCaseOnceMailedAndBooked() =>
        new ChaosRun(ChaosVariant.Of("Sqlite", "InMemory", seed: 34), output).RunAsync();

    [Fact]
    public Task PostgreSql_InMemory_ServerKilled_EachAcknowledgedCaseOnceMailedAndBooked() =>
        new ChaosRun(ChaosVariant.Of("PostgreSql", "InMemory", seed: 43), output).RunAsync();
}
