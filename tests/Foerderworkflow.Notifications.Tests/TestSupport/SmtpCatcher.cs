using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, installed by <c>ops/test-services.sh install</c>) as a
/// child process on a loopback port (smtp_catcher.py), storing every message in a maildir
/// (<c>aiosmtpd.handlers.Mailbox</c>), optionally with STARTTLS, implicit TLS and AUTH. What it reports (connections,
/// TLS, AUTH) it writes to a file before it answers the client: <see cref="Events"/>.
/// </summary>
public sealed class SmtpCatcher : IAsyncDisposable
{
    /// <summary>Debian's interpreter, which has aiosmtpd; the <c>python3</c> on PATH may be another install.</summary>
    public const string Python = "/usr/bin/python3";

    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? process;

    private SmtpCatcher(int port, string maildir)
    {
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    /// <summary>What the server reported so far: <c>connected N</c>, <c>tls</c>, <c>authenticated USER</c>, <c>auth-failed USER</c>, <c>data</c>, <c>disconnected N</c>.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            using var file = new FileStream(EventsFile, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(file);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    private string EventsFile => Maildir + ".events";

    /// <summary>TCP connections the server accepted so far.</summary>
    public int Connections => Events.Count(e => e.StartsWith("connected ", StringComparison.Ordinal));

    /// <summary>TCP connections that ended so far.</summary>
    public int Disconnections => Events.Count(e => e.StartsWith("disconnected ", StringComparison.Ordinal));

    /// <summary>Starts aiosmtpd on <paramref name="port"/> (a free one if null) and waits until it accepts connections.</summary>
    public static async Task<SmtpCatcher> StartAsync(int? port = null, string? maildir = null, SmtpCatcherOptions? options = null)
    {
        var catcher = new SmtpCatcher(port ?? FreePort(), maildir ?? Path.Combine(Path.GetTempPath(), "fw-smtp-" + Guid.NewGuid().ToString("N")));
        await catcher.StartProcessAsync(options ?? new SmtpCatcherOptions());
        return catcher;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public int Count() => Directory.Exists(Path.Combine(Maildir, "new")) ? Directory.GetFiles(Path.Combine(Maildir, "new")).Length : 0;

    public Task<IReadOnlyList<ReceivedMail>> ReadAsync(CancellationToken cancellationToken) => MailParser.ReadMaildirAsync(Maildir, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }

        File.Delete(EventsFile);
    }

    private async Task StartProcessAsync(SmtpCatcherOptions options)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; run 'bash ops/test-services.sh install' (python3-aiosmtpd).");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, "TestSupport", "smtp_catcher.py"), "--port", $"{Port}", "--maildir", Maildir, "--events", EventsFile };
        if (options.StartTls is { } starttls)
        {
            arguments.AddRange(["--starttls", starttls.CertificateFile, starttls.KeyFile]);
        }

        if (options.ImplicitTls is { } smtps)
        {
            arguments.AddRange(["--smtps", smtps.CertificateFile, smtps.KeyFile]);
        }

        if (options.User is { } user)
        {
            arguments.AddRange(["--auth", $"{user.Name}:{user.Password}"]);
        }

        if (options.HoldDataUntil is { } release)
        {
            arguments.AddRange(["--hold-data-until", release]);
        }

        arguments.ForEach(start.ArgumentList.Add);
        var errors = new List<string>();
        process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "listening")
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                if (line.Data is not null)
                {
                    errors.Add(line.Data);
                }
            }
        };
        process.Exited += (_, _) =>
        {
            lock (errors)
            {
                listening.TrySetException(new InvalidOperationException($"smtp_catcher.py exited: {string.Join('\n', errors)}"));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
