using System.Net;
using System.Net.Sockets;

namespace Matching.Bench;

/// <summary>
/// Ports for the silos and hosts a bench or a test starts, so it never takes the ports of a product or another run
/// on the machine. The test projects compile this file too (linked), so there is one way to pick a port.
/// </summary>
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
