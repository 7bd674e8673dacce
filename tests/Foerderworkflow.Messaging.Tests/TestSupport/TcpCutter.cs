using System.Net;
using System.Net.Sockets;

namespace Foerderworkflow.Messaging.Tests.TestSupport;

/// <summary>
/// A TCP forwarder between the clients and the shared RabbitMQ that a test can cut and restore: the broker keeps
/// running for everyone else, while the clients behind this relay see it go away (connections reset, new ones refused)
/// and come back on the same port.
/// </summary>
public sealed class TcpCutter : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly Lock gate = new();
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;
    private CancellationTokenSource? accepting;
    private Task acceptLoop = Task.CompletedTask;

    public TcpCutter(string targetHost, int targetPort)
    {
        target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        Port = Listen(0);
    }

    /// <summary>The loopback port clients connect to instead of the broker's.</summary>
    public int Port { get; }

    public bool IsCut { get; private set; }

    /// <summary>Refuses new connections and resets every open one, as a broker that went down would.</summary>
    public async Task CutAsync()
    {
        IsCut = true;
        await StopListeningAsync();
        List<TcpClient> open;
        lock (gate)
        {
            open = [.. connections];
            connections.Clear();
        }

        foreach (var connection in open)
        {
            try
            {
                // Linger 0: close with a reset, as a crashed broker's connections end.
                connection.Client?.LingerState = new LingerOption(true, 0);
            }
            catch (ObjectDisposedException)
            {
                // The pump closed it already.
            }

            connection.Dispose();
        }
    }

    /// <summary>Accepts connections on the same port again.</summary>
    public void Restore()
    {
        Listen(Port);
        IsCut = false;
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private int Listen(int port)
    {
        var next = new TcpListener(IPAddress.Loopback, port);
        next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        next.Start();
        listener = next;
        accepting = new CancellationTokenSource();
        var token = accepting.Token;
        acceptLoop = Task.Run(() => AcceptAsync(next, token));
        return ((IPEndPoint)next.LocalEndpoint).Port;
    }

    private async Task StopListeningAsync()
    {
        if (accepting is not null)
        {
            await accepting.CancelAsync();
        }

        listener?.Stop();
        await acceptLoop.ContinueWith(static _ => { }, TaskScheduler.Default);
        accepting?.Dispose();
        accepting = null;
    }

    private async Task AcceptAsync(TcpListener from, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await from.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(target, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            lock (gate)
            {
                connections.Add(client);
                connections.Add(upstream);
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                await sink.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // One side went away (or was cut): close the other too.
        }

        from.Dispose();
        to.Dispose();
    }
}
