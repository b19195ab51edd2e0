using System.Net;
using System.Net.Sockets;

namespace Matching.Bench;

/// <summary>Ports for silos and hosts a bench starts, so it never takes the ports of a product or another run on the machine.</summary>
public static class LoopbackPort
{
    /// <summary>A loopback port the system just handed out and nobody listens on now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
