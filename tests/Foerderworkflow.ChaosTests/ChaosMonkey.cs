using System.Diagnostics;

namespace Foerderworkflow.ChaosTests;

/// <summary>
/// Breaks the deployment while the clients work, on a schedule drawn from the run's seed: which failures, in which
/// order, and after how many completed client calls each one strikes (between 5 % and 75 % of all calls), so a run
/// is replayable and the failures hit the system under load. One failure at a time: a killed process is started again
/// at once (the server until it is ready again), the moment a call's answer arrived (its commit is being relayed then); a broker or SMTP outage (SIGKILL, started again on the same data and port) lasts until the clients have completed
/// another tenth of their calls (or are finished). Nothing waits for a fixed time.
/// </summary>
public sealed class ChaosMonkey
{
    private readonly FundingDeployment deployment;
    private readonly FundingClient client;
    private readonly Task clientsDone;
    private readonly Action<string> log;
    private readonly int totalCalls;
    private readonly List<(int After, string Name)> schedule;
    private readonly Stopwatch clock;

    public ChaosMonkey(FundingDeployment deployment, Random random, int totalCalls, FundingClient client, Task clientsDone, Action<string> log, Stopwatch clock)
    {
        this.clock = clock;
        this.deployment = deployment;
        this.client = client;
        this.clientsDone = clientsDone;
        this.log = log;
        this.totalCalls = totalCalls;
        string[] failures = deployment.Variant.OnRabbitMq
            ? ["kill server", "kill server", "kill notification worker", "kill accounting worker", "broker outage", "SMTP outage"]
            : ["kill server", "kill server", "kill server"];
        random.Shuffle(failures);
        // The broker outage last: its boot takes 10-20 s on a busy machine, long enough for the whole load to pass by,
        // which would leave every later failure without load to hit.
        failures = [.. failures.Where(f => f != "broker outage"), .. failures.Where(f => f == "broker outage")];
        var moments = failures.Select(_ => random.Next(totalCalls * 5 / 100, totalCalls * 75 / 100)).Order().ToList();
        schedule = [.. moments.Zip(failures)];
    }

    public string Schedule => string.Join(", ", schedule.Select(s => $"{s.Name} after {s.After} calls"));

    public async Task RunAsync()
    {
        foreach (var (after, name) in schedule)
        {
            await UntilCallsAsync(after);
            log($"{clock.Elapsed.TotalSeconds,6:F1}s  {name} (after {client.CompletedCalls} of {totalCalls} calls)");
            switch (name)
            {
                case "kill server":
                    await deployment.KillServerAsync();
                    break;
                case "kill notification worker":
                    await FundingDeployment.KillWorkerAsync(deployment.Notifications!);
                    break;
                case "kill accounting worker":
                    await FundingDeployment.KillWorkerAsync(deployment.Accounting!);
                    break;
                case "broker outage":
                    await deployment.KillBrokerAsync();
                    await UntilMoreCallsAsync();
                    await deployment.StartBrokerAsync();
                    break;
                case "SMTP outage":
                    await deployment.StopSmtpAsync();
                    await UntilMoreCallsAsync();
                    await deployment.StartSmtpAsync();
                    break;
                default:
                    throw new InvalidOperationException(name);
            }

            log($"{clock.Elapsed.TotalSeconds,6:F1}s  {name}: back (after {client.CompletedCalls} calls)");
        }
    }

    private async Task UntilMoreCallsAsync()
    {
        await UntilCallsAsync(client.CompletedCalls + (totalCalls / 10));
    }

    /// <summary>Until the clients have completed <paramref name="calls"/> calls, or have finished (or given up).</summary>
    private async Task UntilCallsAsync(int calls) =>
        await Task.WhenAny(client.UntilCompletedAsync(calls), clientsDone).WaitAsync(FundingDeployment.Patience, TimeProvider.System);
}
