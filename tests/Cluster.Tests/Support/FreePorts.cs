using System.Net;
using System.Net.Sockets;

namespace Matching.Cluster.Tests.Support;

/// <summary>Ports on 127.0.0.1 nothing listens on at the moment of asking.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
