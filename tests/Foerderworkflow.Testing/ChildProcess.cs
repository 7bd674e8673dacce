using System.Diagnostics;
using System.Text;

namespace Foerderworkflow.Testing;

/// <summary>
/// A process a test starts itself and may kill (SIGKILL, no shutdown) and start again with the same command line and
/// environment, any number of times; its output of every incarnation is kept for the failure message.
/// <see cref="BuiltProgram(string, IReadOnlyDictionary{string, string?})"/> runs a <c>src/</c> project's build output.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int OutputLimit = 200_000;
    private readonly string file;
    private readonly IReadOnlyList<string> arguments;
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly string? workingDirectory;
    private readonly StringBuilder output = new();
    private Process? process;

    public ChildProcess(string name, string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null)
    {
        Name = name;
        this.file = file;
        this.arguments = arguments;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    public string Name { get; }

    /// <summary>How often <see cref="KillAsync"/> ended a running process.</summary>
    public int Kills { get; private set; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Everything the process wrote so far, all incarnations, the newest at the end (the last 200,000 characters).</summary>
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

    /// <summary><c>dotnet src/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;tfm&gt;/&lt;project&gt;.dll</c>, in the configuration of the running tests, from its own folder.</summary>
    public static ChildProcess BuiltProgram(string project, IReadOnlyDictionary<string, string?> environment)
    {
        var dll = BuiltDll(project);
        return new ChildProcess(project, "dotnet", [dll], environment, Path.GetDirectoryName(dll));
    }

    /// <summary>The build output of <c>src/<paramref name="project"/></c> in the same configuration and framework as these tests.</summary>
    public static string BuiltDll(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Foerderworkflow.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Foerderworkflow.sln not found above the test output."),
            "src", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first (the test project references it).", dll);
    }

    /// <summary>Starts a new incarnation; it must not be running.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is running already.");
        }

        process?.Dispose();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var started = new Process { StartInfo = start };
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        Append($"--- {Name} starting ---");
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
    }

    /// <summary>SIGKILL (on Linux <see cref="Process.Kill(bool)"/> sends it): nothing is flushed or handed over. Waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
            Kills++;
            Append($"--- {Name} killed ---");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        process = null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > OutputLimit)
            {
                output.Remove(0, output.Length - OutputLimit);
            }
        }
    }
}
