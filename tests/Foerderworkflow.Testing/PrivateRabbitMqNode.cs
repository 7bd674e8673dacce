using System.Diagnostics;
using System.Globalization;
namespace Foerderworkflow.Testing;

/// <summary>
/// A RabbitMQ node of its own, booted from the installed Debian package as the current user, so a test may stop the
/// broker for real without breaking the shared node <c>rabbit@localhost</c> the other tests use: own node name, own
/// AMQP and Erlang distribution ports, own data, log, config and plugin files and own HOME (so its own Erlang cookie),
/// all in one temp folder. <see cref="StopAsync"/> and <see cref="StartAsync"/> keep that folder and the port, so
/// durable queues and persistent messages survive a restart. Only epmd (port 4369) is shared, which it is made for.
/// </summary>
public sealed class PrivateRabbitMqNode : IAsyncDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin/";
    // Generous: on a loaded two-core box an Erlang VM (the node, and every rabbitmqctl) boots slowly. These only bound
    // how long a broken node takes to fail a test; a healthy one answers as soon as it is up.
    private static readonly TimeSpan BootPatience = TimeSpan.FromMinutes(3);

    // A control command runs its own VM and may itself wait up to BootPatience ("wait --timeout"), so the process
    // gets more than that before it counts as hung.
    private static readonly TimeSpan ProcessPatience = BootPatience + TimeSpan.FromMinutes(1);
    private static readonly Lock ConsoleLock = new();

    private readonly string directory = Directory.CreateTempSubdirectory("fw-rabbit-").FullName;
    private Process? server;

    private PrivateRabbitMqNode()
    {
        Directory.CreateDirectory(Path.Combine(directory, "home"));
        Directory.CreateDirectory(Path.Combine(directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(directory, "log"));
        // No plugins: the management plugin is not needed here and would only slow every boot.
        File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[].\n");
        File.WriteAllText(Path.Combine(directory, "rabbitmq.conf"), $"listeners.tcp.default = {AmqpPort}\nloopback_users.guest = true\n");
    }

    public string NodeName { get; } = $"fw-node-{Guid.NewGuid():N}@localhost";

    public int AmqpPort { get; } = LoopbackPort.Free();

    public int DistributionPort { get; } = LoopbackPort.Free();

    public Uri Amqp => new($"amqp://guest:guest@127.0.0.1:{AmqpPort}/");

    /// <summary>Boots a fresh node and waits until it accepts AMQP.</summary>
    public static async Task<PrivateRabbitMqNode> StartNewAsync()
    {
        var node = new PrivateRabbitMqNode();
        try
        {
            await node.StartAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Boots the node (again) on the same data folder and port and waits until it has started.</summary>
    public async Task StartAsync()
    {
        if (server is not null)
        {
            throw new InvalidOperationException($"{NodeName} is running already.");
        }

        var pidFile = Path.Combine(directory, "node.pid");
        File.Delete(pidFile);
        var start = Command(Bin + "rabbitmq-server");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start.");
        // Drain its console output into a file so a full pipe never blocks the node and the output helps diagnosis.
        var console = Path.Combine(directory, "console.log");
        server.OutputDataReceived += (_, e) => Append(console, e.Data);
        server.ErrorDataReceived += (_, e) => Append(console, e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        // "wait" blocks until the pid file exists and the node has booted: no polling with sleeps.
        var seconds = ((int)BootPatience.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await ControlAsync("wait", pidFile, "--timeout", seconds);
    }

    /// <summary>Stops the broker for real (the node halts) and waits until the operating-system process is gone.</summary>
    public async Task StopAsync()
    {
        if (server is null)
        {
            return;
        }

        await ControlAsync("stop");
        await WaitForExitAsync(server);
        server.Dispose();
        server = null;
    }

    /// <summary>A crash instead of a shutdown: the Erlang VM is killed, nothing is flushed in an orderly way.</summary>
    public async Task KillAsync()
    {
        if (server is null)
        {
            return;
        }

        server.Kill(entireProcessTree: true);
        await WaitForExitAsync(server);
        server.Dispose();
        server = null;
    }

    /// <summary>Every queue with its ready and unacknowledged messages (<c>rabbitmqctl list_queues</c>), for a failure message.</summary>
    public Task<string> ListQueuesAsync() => ControlAsync("list_queues", "-q", "name", "messages_ready", "messages_unacknowledged");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // It may not stop politely (half booted, already broken): then it is killed below.
        }
        finally
        {
            if (server is not null)
            {
                server.Kill(entireProcessTree: true);
                await WaitForExitAsync(server);
                server.Dispose();
                server = null;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file may still be held for a moment; the folder is in the temp area.
            }
        }
    }

    private async Task<string> ControlAsync(params string[] arguments)
    {
        var info = Command(Bin + "rabbitmqctl");
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var control = Process.Start(info) ?? throw new InvalidOperationException("rabbitmqctl did not start.");
        var output = control.StandardOutput.ReadToEndAsync();
        var error = control.StandardError.ReadToEndAsync();
        await WaitForExitAsync(control);
        if (control.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"rabbitmqctl {string.Join(' ', arguments)} on {NodeName} failed ({control.ExitCode}): {await output}{await error}\n--- node log tail ---\n{LogTail()}");
        }

        return await output;
    }

    private async Task WaitForExitAsync(Process process)
    {
        using var patience = new CancellationTokenSource(ProcessPatience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"A process of {NodeName} did not end within {ProcessPatience}.\n--- node log tail ---\n{LogTail()}");
        }
    }

    private ProcessStartInfo Command(string file)
    {
        // The /usr/sbin wrappers switch to the user rabbitmq; the scripts in /usr/lib/rabbitmq/bin run as we are and
        // read these variables (rabbitmq-env).
        var info = new ProcessStartInfo(file) { UseShellExecute = false };
        info.Environment["HOME"] = Path.Combine(directory, "home");
        info.Environment["RABBITMQ_NODENAME"] = NodeName;
        info.Environment["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log");
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins");
        info.Environment["RABBITMQ_PID_FILE"] = Path.Combine(directory, "node.pid");
        return info;
    }

    private string LogTail()
    {
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.log", SearchOption.AllDirectories))
        {
            try
            {
                lines.Add($"[{Path.GetFileName(file)}]");
                lines.AddRange(File.ReadLines(file).TakeLast(20));
            }
            catch (IOException)
            {
                lines.Add("(not readable)");
            }
        }

        return string.Join('\n', lines);
    }

    private static void Append(string file, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (ConsoleLock)
        {
            File.AppendAllText(file, line + "\n");
        }
    }
}
