using System.Net;
using System.Net.Sockets;

namespace Foerderworkflow.Testing;

/// <summary>Ports for services the tests start themselves (a RabbitMQ node, a server process), on loopback only.</summary>
public static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on right now (the operating system's pick, released at once).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
