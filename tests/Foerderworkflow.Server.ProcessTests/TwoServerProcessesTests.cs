using Foerderworkflow.Testing;

namespace Foerderworkflow.Server.ProcessTests;

/// <summary>
/// Two real server processes on one PostgreSQL database, Quartz clustered. Time in another process cannot be faked:
/// the due dates lie a few seconds ahead and the tests poll the store until the expected state (or a timeout).
/// </summary>
public sealed class TwoServerProcessesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly List<ServerProcess> servers = [];
    private TimerDatabase database = null!;

    public async Task InitializeAsync() => database = await TimerDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    [Fact]
    public async Task TwoProcesses_EachTimerFiresExactlyOnce()
    {
        await StartAsync("node-a");
        await StartAsync("node-b");

        var instances = await database.StartTimersAsync("two-processes", TimeProvider.System.GetUtcNow().AddSeconds(6), 20);

        await WaitUntilFiredAsync(instances);
        Assert.All(await database.FiringsAsync(instances), f => Assert.Equal(1, f.Value));
        Assert.All(servers, s => Assert.False(s.HasExited, s.Output));
    }

    [Fact]
    public async Task OneProcessKilled_TheOtherFiresItsTimers()
    {
        var a = await StartAsync("node-a");
        await StartAsync("node-b");
        var due = TimeProvider.System.GetUtcNow().AddSeconds(8);
        var instances = await database.StartTimersAsync("one-killed", due, 10);
        await Poll.UntilAsync(() => database.SecondArmedAsync(due), Patience, "the timers' due second to be armed in Quartz");

        await a.KillAsync();

        await WaitUntilFiredAsync(instances);
        Assert.All(await database.FiringsAsync(instances), f => Assert.Equal(1, f.Value));
    }

    [Fact]
    public async Task DowntimeAcrossTheDueDate_FiresOnceOnStart()
    {
        // Node a provisions Quartz's tables, as every server does at start-up, and dies. Then the timers are stored and
        // armed in Quartz by a scheduler that never runs. Before, node a armed them and was killed, assuming that
        // happened within the 4 s before they were due; on a busy machine node a could fire them first.
        var a = await StartAsync("node-a");
        await a.KillAsync();
        var due = TimeProvider.System.GetUtcNow().AddSeconds(4);
        var instances = await database.StartTimersAsync("downtime", due, 5);
        // One job for their due second, or (when storing them took past that second) one of its own each.
        Assert.NotEqual(0, await database.ArmWithoutRunningAsync());

        // Nobody runs while the due date passes (and Quartz's misfire threshold of 1 s with it).
        await Poll.UntilAsync(() => Task.FromResult(TimeProvider.System.GetUtcNow() > due.AddSeconds(3)), Patience, "the due date to pass");
        Assert.All(await database.FiringsAsync(instances), f => Assert.Equal(0, f.Value));

        await StartAsync("node-b");
        await WaitUntilFiredAsync(instances);
        Assert.All(await database.FiringsAsync(instances), f => Assert.Equal(1, f.Value));
    }

    private async Task<ServerProcess> StartAsync(string name)
    {
        // One after the other: each migrates the store and provisions Quartz's tables at start-up.
        var server = await ServerProcess.StartAsync(name, database.ConnectionString);
        servers.Add(server);
        return server;
    }

    private async Task WaitUntilFiredAsync(List<string> instances)
    {
        try
        {
            await Poll.UntilAsync(() => database.AllFinishedAsync(instances), Patience, "every timer to fire");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{string.Join("\n", servers.Select(s => $"--- {s.Name}:\n{s.Output}"))}", ex);
        }
    }
}
