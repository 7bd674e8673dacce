using System.Diagnostics;
using System.Net;
using System.Text;
using Foerderworkflow.Testing;

namespace Foerderworkflow.Server.ProcessTests;

/// <summary>
/// One real server process (<c>dotnet Foerderworkflow.Server.dll</c>, the build output of the server project),
/// configured by environment variables: PostgreSQL store, Quartz clustered, its own port and Quartz instance id.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServerProcess(string name, Process process, Uri address)
    {
        Name = name;
        this.process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits (polling <c>/health/ready</c>) until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(string name, string connectionString)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet", [ServerDll()])
        {
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["Urls"] = $"http://127.0.0.1:{port}";
        environment["Workflow__Store"] = "PostgreSql";
        environment["ConnectionStrings__Workflow"] = connectionString;
        environment["Workflow__ImportAtStartup"] = "false";
        environment["Messaging__Transport"] = "InMemory";
        environment["Timers__Scheduler"] = "Quartz";
        environment["Timers__Quartz__Clustered"] = "true";
        environment["Timers__Quartz__InstanceId"] = name;
        environment["Timers__Quartz__ReconcileInterval"] = "00:00:01";
        environment["Timers__Quartz__MisfireThreshold"] = "00:00:01";
        environment["Timers__Quartz__ClusterCheckinInterval"] = "00:00:01";
        environment["Logging__LogLevel__Default"] = "Warning";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await Poll.UntilAsync(async () => process.HasExited || await server.IsReadyAsync(), TimeSpan.FromSeconds(90), $"{name} to be ready");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{server.Output}");
        }

        return server;
    }

    /// <summary>
    /// Runs the server with only <paramref name="environment"/> set (plus a SQLite store in <paramref name="folder"/>)
    /// and waits for it to exit by itself: for start-ups that must be refused. Returns the exit code and the output.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [ServerDll()])
        {
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only what the test names: not an environment name inherited from the test run.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["Urls"] = $"http://127.0.0.1:{LoopbackPort.Free()}";
        start.Environment["ConnectionStrings__Workflow"] = $"Data Source={Path.Combine(folder, "workflow.db")}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The server did not exit within {timeout}:\n{output}");
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
    }

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(Address, "health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process at once (no shutdown: Quartz cannot hand anything over).</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string ServerDll() => ChildProcess.BuiltDll("Foerderworkflow.Server");
}
