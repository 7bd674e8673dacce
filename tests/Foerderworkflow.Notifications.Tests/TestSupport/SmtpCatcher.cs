using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Foerderworkflow.Notifications.Tests.TestSupport;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, installed by <c>ops/test-services.sh install</c>) as a
/// child process on a loopback port, storing every message in a maildir (<c>aiosmtpd.handlers.Mailbox</c>).
/// </summary>
public sealed class SmtpCatcher : IAsyncDisposable
{
    /// <summary>Debian's interpreter, which has aiosmtpd; the <c>python3</c> on PATH may be another install.</summary>
    public const string Python = "/usr/bin/python3";

    private Process? process;

    private SmtpCatcher(int port, string maildir)
    {
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    /// <summary>Starts aiosmtpd on <paramref name="port"/> (a free one if null) and waits until it accepts connections.</summary>
    public static async Task<SmtpCatcher> StartAsync(int? port = null, string? maildir = null)
    {
        var catcher = new SmtpCatcher(port ?? FreePort(), maildir ?? Path.Combine(Path.GetTempPath(), "fw-smtp-" + Guid.NewGuid().ToString("N")));
        await catcher.StartProcessAsync();
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
    }

    private async Task StartProcessAsync()
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
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(() => Task.FromResult(process.HasExited ? throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode}") : Accepts(Port)), TimeSpan.FromSeconds(20), $"aiosmtpd listening on {Port}");
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
